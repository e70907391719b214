import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Alerts {
  on: string;
  missing: { key: string; message: string }[];
}
interface Appointment {
  id: string;
  role: string;
  holder: string;
  inForce: boolean;
  status: string;
  decision: { decidedBy: string; reference: string };
}
interface TrainingRecord {
  id: string;
  username: string;
  nextDue: string | null;
  overdue: boolean;
  informations: { kind: string }[];
  tasks: { kind: string; status: string }[];
}

const NAMND = { decidedBy: 'namnd', decidedOn: '2026-01-20', reference: 'SN 2026-01-20 § 5' };
const FC = { decidedBy: 'forvaltningschef', decidedOn: '2026-01-21', reference: 'FC 2026/3' };

describe('appointments and lex Sarah information (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'avdelningschef',
      'kvalitet',
      'sas',
      'ledning',
    ])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('appointments (R-15, AUD-5, AUD-6)', () => {
    it('a board with nobody appointed shows every needed role as missing, via the API and as tasks for kvalitet', async () => {
      const alerts = await api.call<Alerts>('GET', '/api/v1/appointments/alerts', {
        token: t['medarbetare'],
      });
      expect(alerts.status).toBe(200);
      expect(alerts.body.missing.map((m) => m.key)).toEqual(
        expect.arrayContaining(['sas', 'mas', 'verksamhetschef_hsl']),
      );
      // The delegates are the delegation register's demo rows (one model, ADR 0034).
      expect(alerts.body.missing.map((m) => m.key)).not.toContain('delegat/lex_maria_decision');
      await syncReadModels(api.db.dataSource, api.store);
      const inbox = await api.call<{ items: { kind: string; caseType: string; caseNumber: string }[] }>(
        'GET',
        '/api/v1/tasks?pageSize=100',
        { token: t['kvalitet'] },
      );
      expect(inbox.body.items.filter((i) => i.kind === 'appointment_missing')).toHaveLength(3);
    });

    it('appointing SAS with its decision removes that alert and closes the task', async () => {
      const made = await api.call<Appointment>('POST', '/api/v1/appointments', {
        token: t['kvalitet'],
        body: { role: 'sas', holder: 'sas', decision: FC, validFrom: '2026-01-01' },
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        role: 'sas',
        holder: 'sas',
        inForce: true,
        decision: { reference: 'FC 2026/3' },
      });
      const alerts = await api.call<Alerts>('GET', '/api/v1/appointments/alerts', { token: t['kvalitet'] });
      expect(alerts.body.missing.map((m) => m.key)).not.toContain('sas');
      await syncReadModels(api.db.dataSource, api.store);
      const inbox = await api.call<{ items: { kind: string; caseNumber: string }[] }>(
        'GET',
        '/api/v1/tasks?pageSize=100',
        { token: t['kvalitet'] },
      );
      expect(inbox.body.items.filter((i) => i.kind === 'appointment_missing')).toHaveLength(2);
      const list = await api.call<{ items: Appointment[] }>('GET', '/api/v1/appointments?role=sas', {
        token: t['ledning'],
      });
      expect(list.body.items.map((a) => a.holder)).toEqual(['sas']);

      const ended = await api.call<Appointment>('POST', `/api/v1/appointments/${made.body.id}/end`, {
        token: t['kvalitet'],
        body: { on: '2026-01-31', reason: 'Slutat' },
      });
      expect(ended.body).toMatchObject({ status: 'ended', inForce: false });
      expect(
        (
          await api.call<Alerts>('GET', '/api/v1/appointments/alerts', { token: t['kvalitet'] })
        ).body.missing.map((m) => m.key),
      ).toContain('sas');
      expectProblem(
        await api.call('POST', `/api/v1/appointments/${made.body.id}/end`, {
          token: t['kvalitet'],
          body: { on: '2026-02-01', reason: 'igen' },
        }),
        409,
        'INVALID_TRANSITION',
      );
    });

    it('the verksamhetschef HSL needs a nämnd decision (AUD-5); bad input is 400', async () => {
      const wrong = await api.call('POST', '/api/v1/appointments', {
        token: t['kvalitet'],
        body: {
          role: 'verksamhetschef_hsl',
          holder: 'forvaltningschef',
          decision: FC,
          validFrom: '2026-01-01',
        },
      });
      expect(expectProblem(wrong, 400, 'VALIDATION_FAILED').errors?.[0]?.field).toBe('decision.decidedBy');
      const right = await api.call('POST', '/api/v1/appointments', {
        token: t['kvalitet'],
        body: {
          role: 'verksamhetschef_hsl',
          holder: 'forvaltningschef',
          decision: NAMND,
          validFrom: '2026-01-01',
        },
      });
      expect(right.status).toBe(201);
      expectProblem(
        await api.call('POST', '/api/v1/appointments', {
          token: t['kvalitet'],
          body: { role: 'delegat', holder: 'x', decision: FC, validFrom: '2026-01-01' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('POST', '/api/v1/appointments', {
          token: t['kvalitet'],
          body: { role: 'sas', holder: 'sas', decision: FC, validFrom: '2026-01-01', validTo: '2025-01-01' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('POST', '/api/v1/appointments', {
          token: t['kvalitet'],
          body: {
            role: 'processagare',
            holder: 'x',
            processId: '00000000-0000-4000-8000-000000000000',
            decision: FC,
            validFrom: '2026-01-01',
          },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/appointments/alerts?on=igår', { token: t['kvalitet'] }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('POST', '/api/v1/appointments', { token: t['enhetschef'], body: {} }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('lex Sarah information (DL-29)', () => {
    it('a new employee is due within 14 days; the manager gets the reminder; information moves it a year on', async () => {
      const hiredOn = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
      const created = await api.call<TrainingRecord>('POST', '/api/v1/training/records', {
        token: t['enhetschef'],
        body: { username: 'ny.medarbetare', unitId: 'solgarden', hiredOn },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ overdue: true, informations: [] });
      expectProblem(
        await api.call('POST', '/api/v1/training/records', {
          token: t['kvalitet'],
          body: { username: 'ny.medarbetare', unitId: 'solgarden', hiredOn },
        }),
        409,
        'ALREADY_EXISTS',
      );

      const activities = createLedningssystemActivities({
        store: api.store,
        policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
      });
      await activities.advanceLedningssystemDuties({
        subject: { aggregateType: 'training', aggregateId: created.body.id },
        at: new Date().toISOString(),
      });
      await syncReadModels(api.db.dataSource, api.store);
      const inbox = await api.call<{ items: { caseId: string; kind: string }[] }>('GET', '/api/v1/tasks', {
        token: t['enhetschef'],
      });
      expect(inbox.body.items.filter((i) => i.caseId === created.body.id).map((i) => i.kind)).toEqual([
        'lex_sarah_information',
      ]);
      const division = await api.call<{ items: { caseId: string; kind: string }[] }>('GET', '/api/v1/tasks', {
        token: t['avdelningschef'],
      });
      expect(division.body.items.filter((i) => i.caseId === created.body.id).map((i) => i.kind)).toEqual([
        'lex_sarah_information_escalation',
      ]);

      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
      const informed = await api.call<TrainingRecord>(
        'POST',
        `/api/v1/training/records/${created.body.id}/informed`,
        { token: t['enhetschef'], body: { informedOn: today, method: 'introduktion', acknowledged: true } },
      );
      expect(informed.status).toBe(200);
      expect(informed.body).toMatchObject({ overdue: false, informations: [{ kind: 'at_hire' }] });
      expect(informed.body.tasks.every((task) => task.status === 'done')).toBe(true);
      expect(informed.body.nextDue! > today).toBe(true);

      await syncReadModels(api.db.dataSource, api.store);
      const list = await api.call<{ items: TrainingRecord[] }>(
        'GET',
        '/api/v1/training/records?unitId=solgarden',
        { token: t['avdelningschef'] },
      );
      expect(list.body.items.map((r) => r.username)).toEqual(['ny.medarbetare']);
      expect(
        (
          await api.call<{ total: number }>('GET', '/api/v1/training/records', {
            token: t['enhetschef.ekbacken'],
          })
        ).body.total,
      ).toBe(0);
      expectProblem(
        await api.call('GET', `/api/v1/training/records/${created.body.id}`, {
          token: t['enhetschef.ekbacken'],
        }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await api.call('GET', '/api/v1/training/records', { token: t['medarbetare'] }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await api.call('POST', `/api/v1/training/records/${created.body.id}/informed`, {
          token: t['enhetschef'],
          body: { informedOn: '2099-01-01', method: 'apt' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('POST', `/api/v1/training/records/${created.body.id}/move`, {
          token: t['enhetschef'],
          body: { unitId: 'ekbacken' },
        }),
        403,
        'FORBIDDEN',
      );
    });
  });
});
