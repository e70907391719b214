import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Observation {
  id: string;
  reference: string;
  unitId: string;
  status: string;
  canTriage: boolean;
  triage: {
    outcome: string;
    rationale: string | null;
    targetId: string | null;
    targetReference: string | null;
  } | null;
  version: number;
}

const plan = () => ({
  title: 'Fäst mattan vid entrén',
  level: 'organisational',
  owner: 'enhetschef',
  dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  expectedEffect: 'Ingen snubblar på mattan',
});

/** Staff risk observations (CT-14) triaged by the unit manager (RA-12), the outcome read by the reporter (IMP-8). */
describe('risk observations (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  const call = <T = unknown>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { token: t[user], ...(body === undefined ? {} : { body }) });
  const observe = async (title: string) => {
    const made = await call<Observation>('medarbetare', 'POST', '/api/v1/risk-observations', {
      unitId: 'solgarden',
      title,
      description: 'Jag såg att det kan gå fel här.',
    });
    expect(made.status).toBe(201);
    return made.body;
  };

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'enhetschef.ekbacken', 'kvalitet', 'kvalitet.omsorg'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('staff report a risk; it becomes a triage task in the unit manager’s inbox', async () => {
    const observation = await observe('Lös matta vid entrén');
    expect(observation).toMatchObject({ status: 'reported', canTriage: false, unitId: 'solgarden' });
    expect(observation.reference).toMatch(/^RO-\d{4}-\d{4}$/);
    // The process manager opens the task as it does for every register duty (ADR 0008).
    const activities = createLedningssystemActivities({
      store: api.store,
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
    });
    const advanced = await activities.advanceLedningssystemDuties({
      subject: { aggregateType: 'risk_observation', aggregateId: observation.id },
      at: new Date().toISOString(),
    });
    expect(advanced).toMatchObject({ opened: 1, finished: false });
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await call<{ items: { kind: string; caseType: string; caseId: string }[] }>(
      'enhetschef',
      'GET',
      '/api/v1/tasks?pageSize=100',
    );
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'risk_observation_triage',
          caseType: 'risk_observation',
          caseId: observation.id,
        }),
      ]),
    );
    const list = await call<{ items: Observation[] }>('enhetschef', 'GET', '/api/v1/risk-observations');
    expect(list.body.items.find((o) => o.id === observation.id)?.canTriage).toBe(true);
    await call('enhetschef', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
      outcome: 'no_action',
      rationale: 'Mattan är redan bortplockad.',
    });
    await syncReadModels(api.db.dataSource, api.store);
    const after = await call<{ items: { caseId: string }[] }>(
      'enhetschef',
      'GET',
      '/api/v1/tasks?pageSize=100',
    );
    expect(after.body.items.filter((i) => i.caseId === observation.id)).toEqual([]);
  });

  it('refuses bad reports and other units’ observations', async () => {
    const blank = expectProblem(
      await call('medarbetare', 'POST', '/api/v1/risk-observations', {
        unitId: 'solgarden',
        title: ' ',
        description: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(blank.errors?.map((e) => e.field)).toContain('title');
    expectProblem(
      await call('medarbetare', 'POST', '/api/v1/risk-observations', {
        unitId: 'ekbacken',
        title: 'x',
        description: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    const observation = await observe('Trasig dörrstängare');
    expectProblem(
      await call('enhetschef.ekbacken', 'GET', `/api/v1/risk-observations/${observation.id}`),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await call('kvalitet.omsorg', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
        outcome: 'no_action',
        rationale: 'x',
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await call('medarbetare', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
        outcome: 'no_action',
        rationale: 'x',
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('"ingen åtgärd" needs a rationale (RA-12); with one the reporter sees it (IMP-8)', async () => {
    const observation = await observe('Halt vid soprummet');
    const missing = expectProblem(
      await call('enhetschef', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
        outcome: 'no_action',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.errors?.[0]).toMatchObject({ field: 'rationale', code: 'RATIONALE_REQUIRED' });
    expect(
      (await call<Observation>('medarbetare', 'GET', `/api/v1/risk-observations/${observation.id}`)).body
        .status,
    ).toBe('reported');
    const triaged = await call<Observation>(
      'enhetschef',
      'POST',
      `/api/v1/risk-observations/${observation.id}/triage`,
      {
        outcome: 'no_action',
        rationale: 'Fastighetsägaren sandar redan varje morgon.',
      },
    );
    expect(triaged.status).toBe(200);
    const seen = await call<Observation>('medarbetare', 'GET', `/api/v1/risk-observations/${observation.id}`);
    expect(seen.body).toMatchObject({
      status: 'triaged',
      triage: { outcome: 'no_action', rationale: 'Fastighetsägaren sandar redan varje morgon.' },
    });
    expectProblem(
      await call('enhetschef', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
        outcome: 'no_action',
        rationale: 'igen',
      }),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('into a risk analysis: a started analysis for the unit, linked both ways', async () => {
    const observation = await observe('Nattbemanning räcker inte vid larm');
    const triaged = await call<Observation>(
      'enhetschef',
      'POST',
      `/api/v1/risk-observations/${observation.id}/triage`,
      {
        outcome: 'risk_assessment',
      },
    );
    expect(triaged.status).toBe(200);
    expect(triaged.body.triage).toMatchObject({ outcome: 'risk_assessment' });
    expect(triaged.body.triage?.targetReference).toMatch(/^RA-/);
    const assessment = await call<{ unitId: string; title: string; description: string }>(
      'enhetschef',
      'GET',
      `/api/v1/risk-assessments/${triaged.body.triage!.targetId}`,
    );
    expect(assessment.status).toBe(200);
    expect(assessment.body).toMatchObject({
      unitId: 'solgarden',
      title: 'Nattbemanning räcker inte vid larm',
    });
    expect(assessment.body.description).toContain(observation.reference);
  });

  it('into an improvement action with its plan; without a plan it is refused', async () => {
    const observation = await observe('Lös matta i korridoren');
    expectProblem(
      await call('enhetschef', 'POST', `/api/v1/risk-observations/${observation.id}/triage`, {
        outcome: 'improvement_action',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const triaged = await call<Observation>(
      'enhetschef',
      'POST',
      `/api/v1/risk-observations/${observation.id}/triage`,
      {
        outcome: 'improvement_action',
        plan: plan(),
      },
    );
    expect(triaged.status).toBe(200);
    expect(triaged.body.triage?.targetReference).toMatch(/^FA-/);
    const action = await call<{ sources: { kind: string; id: string }[]; title: string }>(
      'enhetschef',
      'GET',
      `/api/v1/improvement-actions/${triaged.body.triage!.targetId}`,
    );
    expect(action.status).toBe(200);
    expect(action.body.sources).toEqual([
      expect.objectContaining({ kind: 'risk_observation', id: observation.id }),
    ]);
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await call<{ items: { kind: string; caseId: string }[] }>(
      'enhetschef',
      'GET',
      '/api/v1/tasks?pageSize=100',
    );
    expect(inbox.body.items.filter((i) => i.caseId === observation.id)).toEqual([]);
  });
});
