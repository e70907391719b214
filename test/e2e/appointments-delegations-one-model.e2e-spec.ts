import { DEFAULT_DELEGATION_ITEMS } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report, stockholmDateDaysAgo } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * One model (ADR 0034; AUD-6, LC-6 S5, LC-8): the delegation register and the appointments register
 * are one source of truth. A write through either api shows in the other, and the statutory steps
 * obey what the appointments register shows.
 */
interface Item {
  id?: string;
  decision: string;
  role?: string;
  username?: string;
  validFrom: string;
  validTo: string | null;
  boardDecision?: string;
  delegationReference?: string;
  ended?: { on: string; reason: string; by: string };
}
interface Register {
  version: number;
  items: Item[];
}
interface Appointment {
  id: string;
  role: string;
  holder: string;
  holderRole: string | null;
  source: string;
  scope: { decisionType: string | null };
  decision: { decidedBy: string; decidedOn: string; reference: string };
  validFrom: string;
  validTo: string | null;
  delegationReference: string | null;
  status: string;
  inForce: boolean;
  version: number;
}
interface Alerts {
  missing: { key: string; message: string }[];
}

const NAMND = { decidedBy: 'namnd', decidedOn: '2026-01-20', reference: 'SN 2026-01-20 § 6' };

describe('förordnanden and the delegation register: one model (e2e, ADR 0034)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['kvalitet', 'mas', 'medarbetare', 'enhetschef']) tokens[user] = await api.token(user);
    await call('PUT', '/api/v1/delegations', 'kvalitet', { items: DEFAULT_DELEGATION_ITEMS });
  });
  afterAll(async () => {
    // Other e2e files may share a database: the demo register again.
    if (api) {
      await call('PUT', '/api/v1/delegations', 'kvalitet', { items: DEFAULT_DELEGATION_ITEMS });
      await api.close();
    }
  });

  const call = <T = unknown>(method: string, path: string, user: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user]!, ...(body === undefined ? {} : { body }) });
  const register = async () => (await call<Register>('GET', '/api/v1/delegations', 'medarbetare')).body;
  const delegates = async () =>
    (
      await call<{ items: Appointment[] }>(
        'GET',
        '/api/v1/appointments?role=delegat&pageSize=200',
        'medarbetare',
      )
    ).body.items;

  /** The two apis agree: every row of the register is a delegate with the same id, holder and window. */
  async function expectBothAgree(): Promise<void> {
    const [rows, appointed] = await Promise.all([register(), delegates()]);
    const fromRegister = rows.items
      .map((i) => [i.id, i.username ?? i.role, i.validFrom, i.validTo, i.boardDecision ?? ''].join('|'))
      .sort();
    const fromAppointments = appointed
      .filter((a) => a.source === 'delegation_register')
      .map((a) => [a.id, a.holder, a.validFrom, a.validTo, a.decision.reference].join('|'))
      .sort();
    expect(fromAppointments).toEqual(fromRegister);
  }

  it('the demo register is the demo delegates: same rows, with the nämnd decision and the delegationsordning point', async () => {
    const rows = await register();
    expect(rows.items).toHaveLength(DEFAULT_DELEGATION_ITEMS.length);
    expect(rows.items.every((i) => typeof i.id === 'string')).toBe(true);
    await expectBothAgree();
    const maria = (await delegates()).find(
      (a) => a.scope.decisionType === 'lex_maria_decision' && a.holderRole === 'mas',
    );
    expect(maria).toMatchObject({
      holder: 'mas',
      decision: { decidedBy: 'namnd', decidedOn: '2025-12-10', reference: 'SN 2025-12-10 § 142' },
      delegationReference: 'Delegationsordning 2026 p. 4.2',
      status: 'active',
      inForce: true,
    });
    const alerts = await call<Alerts>('GET', '/api/v1/appointments/alerts', 'kvalitet');
    expect(alerts.body.missing.map((m) => m.key).filter((k) => k.startsWith('delegat/'))).toEqual([]);
  });

  it('a delegate appointed through /appointments is a row of the register, version one up', async () => {
    const before = await register();
    const made = await call<Appointment>('POST', '/api/v1/appointments', 'kvalitet', {
      role: 'delegat',
      holder: 'avdelningschef',
      decisionType: 'lex_sarah_ivo_notification',
      decision: NAMND,
      validFrom: '2026-02-01',
      delegationReference: 'Delegationsordning 2026 p. 4.3',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      source: 'delegation_register',
      holder: 'avdelningschef',
      inForce: true,
    });
    const after = await register();
    expect(after.version).toBe(before.version + 1);
    expect(after.items).toContainEqual(
      expect.objectContaining({
        id: made.body.id,
        decision: 'lex_sarah_ivo_report',
        username: 'avdelningschef',
        validFrom: '2026-02-01',
        boardDecision: 'SN 2026-01-20 § 6',
        delegationReference: 'Delegationsordning 2026 p. 4.3',
      }),
    );
    expect(
      (await call<Appointment>('GET', `/api/v1/appointments/${made.body.id}`, 'medarbetare')).body,
    ).toEqual(made.body);
    await expectBothAgree();
  });

  it('a row saved through PUT /delegations is a delegate in /appointments; a save that leaves out the ids keeps them', async () => {
    const current = await register();
    const stripped = current.items.map(({ id: _id, delegationReference: _ref, ...rest }) => rest);
    const saved = await call<Register>('PUT', '/api/v1/delegations', 'kvalitet', {
      version: current.version,
      items: [
        ...stripped,
        { decision: 'lex_maria_classification', username: 'mas', validFrom: '2026-03-01', validTo: null },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.items.slice(0, current.items.length).map((i) => [i.id, i.delegationReference])).toEqual(
      current.items.map((i) => [i.id, i.delegationReference]),
    );
    const added = saved.body.items[saved.body.items.length - 1]!;
    expect(added.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect((await delegates()).find((a) => a.id === added.id)).toMatchObject({
      holder: 'mas',
      holderRole: null,
      scope: { decisionType: 'lex_maria_classification' },
    });
    await expectBothAgree();
  });

  it('ending the only lex Maria classification delegates through /appointments: mas may not classify as lex Maria (409 DELEGATION_MISSING), the alert shows', async () => {
    const yesterday = stockholmDateDaysAgo(1);
    for (const row of (await register()).items.filter((i) => i.decision === 'lex_maria_classification')) {
      const ended = await call<Appointment>('POST', `/api/v1/appointments/${row.id}/end`, 'kvalitet', {
        on: yesterday < row.validFrom ? row.validFrom : yesterday,
        reason: 'Ny delegationsordning',
      });
      expect(ended.status).toBe(200);
      expect(ended.body.status).toBe('ended');
    }
    const rows = (await register()).items.filter((i) => i.decision === 'lex_maria_classification');
    expect(rows.every((i) => i.ended?.by === 'kvalitet' && i.validTo === i.ended.on)).toBe(true);
    await expectBothAgree();

    const hsl = await call<{ id: string }>(
      'POST',
      '/api/v1/cases',
      'medarbetare',
      report('hsl_deviation', 'solgarden'),
    );
    expect(hsl.status).toBe(201);
    const refused = expectProblem(
      await call('POST', `/api/v1/cases/${hsl.body.id}/classify`, 'mas', {
        type: 'lex_maria',
        category: 'läkemedel',
        rationale: 'Allvarlig vårdskada',
      }),
      409,
      'DELEGATION_MISSING',
    );
    expect(refused.detail).toMatch(/Lex Maria – bedömning/);

    expectProblem(
      await call('POST', `/api/v1/appointments/${rows[0]!.id}/end`, 'kvalitet', {
        on: yesterday,
        reason: 'igen',
      }),
      409,
      'INVALID_TRANSITION',
    );
    // The register's ended rows keep their history; a stale version is refused, nothing written.
    const before = await register();
    expectProblem(
      await call('PUT', '/api/v1/delegations', 'kvalitet', {
        version: before.version - 1,
        items: before.items,
      }),
      409,
      'VERSION_CONFLICT',
    );
    expect((await register()).version).toBe(before.version);
  });

  it('a delegate the register does not hold stays missing and is a task for kvalitet; bad input is 400; others may not write', async () => {
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await call<{ items: { kind: string; caseNumber: string; status?: string }[] }>(
      'GET',
      '/api/v1/tasks?pageSize=100',
      'kvalitet',
    );
    const missing = inbox.body.items.filter((i) => i.kind === 'appointment_missing').map((i) => i.caseNumber);
    expect(missing.join('\n')).not.toMatch(/lex_|\(AUD|\(LC/);
    expectProblem(
      await call('POST', '/api/v1/appointments', 'kvalitet', {
        role: 'delegat',
        holder: 'mas',
        decisionType: 'lex_maria_decision',
        decision: NAMND,
        validFrom: '2026-01-01',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', '/api/v1/appointments/00000000-0000-4000-8000-0000000de199/end', 'kvalitet', {
        on: '2026-01-01',
        reason: 'x',
      }),
      404,
      'NOT_FOUND',
    );
    const first = (await register()).items.find((i) => !i.ended)!;
    expectProblem(
      await call('POST', `/api/v1/appointments/${first.id}/end`, 'kvalitet', {
        on: '2025-01-01',
        reason: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', `/api/v1/appointments/${first.id}/end`, 'enhetschef', {
        on: '2026-06-01',
        reason: 'x',
      }),
      403,
      'FORBIDDEN',
    );
  });
});
