import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Plan {
  id: string;
  status: string;
  controls: { controlId: string; kind: string; frequency: string }[];
  occurrences: { controlId: string; occurrence: string; status: string }[];
  results: {
    occurrence: string;
    findings: {
      handling: string;
      caseId: string | null;
      caseNumber: string | null;
      action: { actionId: string; completedAt: string | null } | null;
    }[];
  }[];
  missing: number;
  tasks: { kind: string; status: string; dutyKey: string }[];
  version: number;
}

const YEAR = new Date().getFullYear() - 1;

/** EK-1 … EK-5, AUD-10, AUD-11 through the real API. */
describe('egenkontroll plans (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let plan: Plan;

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'avdelningschef',
      'sas',
      'kvalitet',
      'ledning',
    ])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const controls = [
    {
      kind: 'loggkontroll',
      title: 'Loggkontroll',
      method: 'Stickprov i åtkomstloggen',
      sampleRule: '10 ärenden',
      frequency: 'quarterly',
      responsible: 'enhetschef',
    },
    {
      kind: 'lakemedelshantering',
      title: 'Läkemedelsgenomgång',
      method: 'MAS granskar',
      frequency: 'yearly',
      responsible: 'mas',
    },
  ];

  it('a unit manager makes the plan for their unit, once per year', async () => {
    const created = await api.call<Plan>('POST', '/api/v1/egenkontroll/plans', {
      token: t['enhetschef'],
      body: { unitId: 'solgarden', year: YEAR, controls },
    });
    expect(created.status).toBe(201);
    plan = created.body;
    expect(plan).toMatchObject({ status: 'draft', missing: 0 });
    expect(plan.occurrences).toHaveLength(5);
    expectProblem(
      await api.call('POST', '/api/v1/egenkontroll/plans', {
        token: t['kvalitet'],
        body: { unitId: 'solgarden', year: YEAR, controls: [] },
      }),
      409,
      'ALREADY_EXISTS',
    );
    expectProblem(
      await api.call('POST', '/api/v1/egenkontroll/plans', {
        token: t['enhetschef.ekbacken'],
        body: { unitId: 'solgarden', year: YEAR + 1, controls },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('adopting it makes every due check a task; past ones are shown as missing (AUD-11)', async () => {
    const adopted = await api.call<Plan>('POST', `/api/v1/egenkontroll/plans/${plan.id}/adopt`, {
      token: t['enhetschef'],
      body: { expectedVersion: 1 },
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body.missing).toBe(5);
    const activities = createLedningssystemActivities({
      store: api.store,
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
    });
    await activities.advanceLedningssystemDuties({
      subject: { aggregateType: 'egenkontroll', aggregateId: plan.id },
      at: new Date().toISOString(),
    });
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await api.call<{ items: { caseId: string; kind: string; caseType: string }[] }>(
      'GET',
      '/api/v1/tasks?pageSize=100',
      { token: t['enhetschef'] },
    );
    expect(
      inbox.body.items.filter((i) => i.caseId === plan.id && i.kind === 'egenkontroll_control'),
    ).toHaveLength(4);
    const mas = await api.call<{ items: { caseId: string; kind: string }[] }>('GET', '/api/v1/tasks', {
      token: await api.token('mas'),
    });
    expect(
      mas.body.items.filter((i) => i.caseId === plan.id && i.kind === 'egenkontroll_control'),
    ).toHaveLength(1);
  });

  it('records results; a finding becomes a deviation case, another an action (EK-3)', async () => {
    const logg = plan.controls.find((c) => c.kind === 'loggkontroll')!;
    const noOutcome = await api.call('POST', `/api/v1/egenkontroll/plans/${plan.id}/results`, {
      token: t['enhetschef'],
      body: {
        controlId: logg.controlId,
        occurrence: `${YEAR}-Q1`,
        result: 'OK',
        analysis: 'Inget att anmärka',
      },
    });
    expect(expectProblem(noOutcome, 400, 'VALIDATION_FAILED').errors?.[0]?.field).toBe('noActions');

    const recorded = await api.call<Plan>('POST', `/api/v1/egenkontroll/plans/${plan.id}/results`, {
      token: t['sas'],
      body: {
        controlId: logg.controlId,
        occurrence: `${YEAR}-Q1`,
        result: 'Två av tio journaler lästa utan tjänsteskäl',
        analysis: 'Bristande kunskap om behörighet',
        findings: [
          { description: 'Journal läst utan tjänsteskäl', handling: 'deviation' },
          {
            description: 'Behörighetsrutinen okänd',
            handling: 'action',
            action: { title: 'Genomgång på APT', owner: 'enhetschef', dueDate: `${YEAR + 1}-12-31` },
          },
        ],
      },
    });
    expect(recorded.status).toBe(200);
    const findings = recorded.body.results[0]!.findings;
    expect(findings[0]).toMatchObject({
      handling: 'deviation',
      caseNumber: expect.stringMatching(/^AV-\d{4}-\d{4,}$/),
    });
    const deviation = await api.call<{ type: string; unitId: string }>(
      'GET',
      `/api/v1/cases/${findings[0]!.caseId}`,
      { token: t['enhetschef'] },
    );
    expect(deviation.body).toMatchObject({ type: 'deviation', unitId: 'solgarden' });
    expect(recorded.body.occurrences.find((o) => o.occurrence === `${YEAR}-Q1`)!.status).toBe('done');
    expect(
      recorded.body.tasks
        .filter((task) => task.dutyKey.endsWith(`${YEAR}-Q1`))
        .every((task) => task.status === 'done'),
    ).toBe(true);

    const again = await api.call('POST', `/api/v1/egenkontroll/plans/${plan.id}/results`, {
      token: t['enhetschef'],
      body: {
        controlId: logg.controlId,
        occurrence: `${YEAR}-Q1`,
        result: 'x',
        analysis: 'y',
        noActions: true,
      },
    });
    expectProblem(again, 409, 'ALREADY_EXISTS');
    expectProblem(
      await api.call('POST', `/api/v1/egenkontroll/plans/${plan.id}/results`, {
        token: t['enhetschef'],
        body: {
          controlId: logg.controlId,
          occurrence: `${YEAR}-M01`,
          result: 'x',
          analysis: 'y',
          noActions: true,
        },
      }),
      400,
      'VALIDATION_FAILED',
    );

    const done = await api.call<Plan>('POST', `/api/v1/egenkontroll/plans/${plan.id}/complete-action`, {
      token: t['enhetschef'],
      body: { actionId: findings[1]!.action!.actionId, note: 'Genomgång hölls' },
    });
    expect(done.body.results[0]!.findings[1]!.action!.completedAt).not.toBeNull();
  });

  it("is visible to SAS, MAS, kvalitet and the unit's managers only (EK-5)", async () => {
    await syncReadModels(api.db.dataSource, api.store);
    const byUser = async (user: string) =>
      (
        await api.call<{ total: number }>('GET', '/api/v1/egenkontroll/plans', {
          token: t[user] ?? (await api.token(user)),
        })
      ).body.total;
    expect(await byUser('sas')).toBe(1);
    expect(await byUser('avdelningschef')).toBe(1);
    expect(await byUser('enhetschef.ekbacken')).toBe(0);
    expectProblem(
      await api.call('GET', '/api/v1/egenkontroll/plans', { token: t['medarbetare'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('GET', `/api/v1/egenkontroll/plans/${plan.id}`, { token: t['enhetschef.ekbacken'] }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', '/api/v1/egenkontroll/plans?year=1999', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
    const catalogue = await api.call<{ kind: string }[]>('GET', '/api/v1/egenkontroll/catalogue', {
      token: t['kvalitet'],
    });
    expect(catalogue.body.map((c) => c.kind)).toContain('loggkontroll');
  });
});
