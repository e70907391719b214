import {
  ARSHJUL_AGGREGATE,
  DEFAULT_DEADLINE_POLICY,
  arshjulCompletion,
  stockholmYearOf,
} from '@kvalitet/domain';
import { EventStore, LsCommandService, arshjulPlanId, seedArshjulDemo } from '@kvalitet/persistence';
import { createTestDatabase } from '../support/test-database';
import { createArshjulActivities } from '../../apps/worker/src/activities/arshjul-activities';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { organisation } from '@kvalitet/runtime';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Item {
  id: string;
  kind: string;
  title: string;
  ownerRole: string | null;
  owner: string | null;
  dueOn: string;
  status: string;
  doneOn: string | null;
  doneBy: string | null;
  cancelReason: string | null;
  overdue: boolean;
  mayMarkDone: boolean;
}
interface Plan {
  id: string;
  boardId: string;
  year: number;
  items: Item[];
  completion: { total: number; done: number; cancelled: number; overdue: Item[] };
  mayPlan: boolean;
  version: number;
}

/** The årshjul (DL-31, DL-27, DL-28, DL-30, DL-33, AUD-13, AUD-17, AUD-18) through the API. */
describe('årshjul (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  const year = stockholmYearOf(new Date());

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['kvalitet', 'forvaltningschef', 'sas', 'mas', 'enhetschef', 'medarbetare'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('kvalitet creates this year’s plan from the catalogue: owners and dates, once (DL-31)', async () => {
    const created = await api.call<Plan>('POST', '/api/v1/arshjul', { token: t['kvalitet'], body: { year } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/arshjul/${year}`);
    expect(created.body).toMatchObject({ boardId: 'socialnamnden', year, mayPlan: true });
    const visits = created.body.items.filter((i) => i.kind === 'verksamhetsbesok');
    expect(visits).toHaveLength(4);
    expect(created.body.items.find((i) => i.kind === 'budget_start')).toMatchObject({
      ownerRole: 'director',
      dueOn: `${year}-04-30`,
    });
    expect(created.body.items.find((i) => i.id === 'sas_proaktiv_granskning-1')).toMatchObject({
      ownerRole: 'lex_sarah_investigator',
    });
    const again = await api.call('POST', '/api/v1/arshjul', { token: t['kvalitet'], body: { year } });
    expectProblem(again, 409, 'ALREADY_EXISTS');
  });

  it('refuses bad input with Swedish field errors and writes nothing', async () => {
    const before = await api.call<Plan>('GET', `/api/v1/arshjul/${year}`, { token: t['kvalitet'] });
    const outside = await api.call('POST', `/api/v1/arshjul/${year}/items`, {
      token: t['kvalitet'],
      body: {
        kind: 'annat',
        title: 'Brukarråd',
        ownerRole: 'quality_coordinator',
        dueOn: `${year + 1}-01-10`,
      },
    });
    const problem = expectProblem(outside, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.[0]).toMatchObject({ field: 'dueOn' });
    expect(problem.detail).toMatch(/inom/);
    const badDate = await api.call('POST', `/api/v1/arshjul/${year}/items`, {
      token: t['kvalitet'],
      body: { kind: 'annat', title: 'Brukarråd', ownerRole: 'quality_coordinator', dueOn: '2026-02-30' },
    });
    expect(expectProblem(badDate, 400, 'VALIDATION_FAILED').errors?.[0]?.field).toBe('dueOn');
    const noOwner = await api.call('POST', `/api/v1/arshjul/${year}/items`, {
      token: t['kvalitet'],
      body: { kind: 'annat', title: 'Brukarråd', dueOn: `${year}-06-01` },
    });
    expect(expectProblem(noOwner, 400, 'VALIDATION_FAILED').errors?.[0]?.field).toBe('ownerRole');
    const noReason = await api.call('POST', `/api/v1/arshjul/${year}/items/brukarundersokning/cancel`, {
      token: t['kvalitet'],
      body: { reason: ' ' },
    });
    expectProblem(noReason, 400, 'VALIDATION_FAILED');
    const badYear = await api.call('GET', '/api/v1/arshjul/tjugo', { token: t['kvalitet'] });
    expectProblem(badYear, 400, 'VALIDATION_FAILED');
    const none = await api.call('GET', `/api/v1/arshjul/${year - 5}`, { token: t['kvalitet'] });
    expectProblem(none, 404, 'NOT_FOUND');
    const unknownItem = await api.call('POST', `/api/v1/arshjul/${year}/items/finns-inte/done`, {
      token: t['kvalitet'],
      body: { doneOn: `${year}-01-02` },
    });
    expectProblem(unknownItem, 404, 'NOT_FOUND');
    const after = await api.call<Plan>('GET', `/api/v1/arshjul/${year}`, { token: t['kvalitet'] });
    expect(after.body.version).toBe(before.body.version);
  });

  it('only kvalitet and the förvaltningschef plan; staff do not even read; SAS marks only her own items', async () => {
    expectProblem(
      await api.call('POST', '/api/v1/arshjul', { token: t['sas'], body: { year: year + 1 } }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('GET', `/api/v1/arshjul/${year}`, { token: t['medarbetare'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('POST', `/api/v1/arshjul/${year}/items`, {
        token: t['mas'],
        body: { kind: 'annat', title: 'X', ownerRole: 'mas', dueOn: `${year}-06-01` },
      }),
      403,
      'FORBIDDEN',
    );
    const read = await api.call<Plan>('GET', `/api/v1/arshjul/${year}`, { token: t['enhetschef'] });
    expect(read.status).toBe(200);
    expect(read.body.mayPlan).toBe(false);
    expect(read.body.items.every((i) => !i.mayMarkDone)).toBe(true);
    const notHers = await api.call('POST', `/api/v1/arshjul/${year}/items/lakemedelsgenomgang/done`, {
      token: t['sas'],
      body: { doneOn: `${year}-01-01` },
    });
    expectProblem(notHers, 403, 'FORBIDDEN');
  });

  it('SAS marks her proactive review done; kvalitet adds, moves and cancels; completion counts it (AUD-13)', async () => {
    const done = await api.call<Plan>(
      'POST',
      `/api/v1/arshjul/${year}/items/sas_proaktiv_granskning-1/done`,
      {
        token: t['sas'],
        body: { doneOn: `${year}-01-01`, note: 'Stickprov av tio utredningar' },
      },
    );
    expect(done.status).toBe(200);
    expect(done.body.items.find((i) => i.id === 'sas_proaktiv_granskning-1')).toMatchObject({
      status: 'done',
      doneBy: 'sas',
      doneOn: `${year}-01-01`,
    });
    const added = await api.call<Plan>('POST', `/api/v1/arshjul/${year}/items`, {
      token: t['forvaltningschef'],
      body: {
        kind: 'annat',
        title: 'Dialogmöte med brukarrådet',
        ownerRole: 'director',
        dueOn: `${year}-06-01`,
      },
    });
    expect(added.status).toBe(200);
    const extra = added.body.items.find((i) => i.title === 'Dialogmöte med brukarrådet')!;
    const moved = await api.call<Plan>('POST', `/api/v1/arshjul/${year}/items/${extra.id}/move`, {
      token: t['kvalitet'],
      body: { dueOn: `${year}-06-20` },
    });
    expect(moved.body.items.find((i) => i.id === extra.id)?.dueOn).toBe(`${year}-06-20`);
    const cancelled = await api.call<Plan>('POST', `/api/v1/arshjul/${year}/items/oppna_jamforelser/cancel`, {
      token: t['kvalitet'],
      body: { reason: 'Ingen publicering i år' },
    });
    expect(cancelled.body.items.find((i) => i.id === 'oppna_jamforelser')).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Ingen publicering i år',
    });
    const completion = await api.call<Plan['completion']>('GET', `/api/v1/arshjul/${year}/completion`, {
      token: t['forvaltningschef'],
    });
    expect(completion.body).toMatchObject({ done: 1, cancelled: 1, total: cancelled.body.items.length - 1 });
    const twice = await api.call('POST', `/api/v1/arshjul/${year}/items/sas_proaktiv_granskning-1/done`, {
      token: t['sas'],
      body: { doneOn: `${year}-01-01` },
    });
    expectProblem(twice, 409, 'INVALID_TRANSITION');
  });

  it('each item is a task for its owner in the inbox (like every other duty)', async () => {
    const plan = await api.call<Plan>('GET', `/api/v1/arshjul/${year}`, { token: t['kvalitet'] });
    const activities = createLedningssystemActivities({
      store: api.store,
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
    });
    await activities.advanceLedningssystemDuties({
      subject: { aggregateType: 'arshjul', aggregateId: plan.body.id },
      at: `${year}-12-31T12:00:00Z`,
    });
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await api.call<{
      items: { caseId: string; caseType: string; kind: string; title?: string }[];
    }>('GET', '/api/v1/tasks?pageSize=200', { token: t['mas'] });
    const mine = inbox.body.items.filter((i) => i.caseId === plan.body.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.caseType === 'arshjul' && i.kind === 'arshjul_item')).toBe(true);
  });

  it('MAS serves two boards: her own unit’s board by default, the other by ?board=, a board she does not serve is 404', async () => {
    const own = await api.call<{ boardId: string; boards: { id: string }[] }>('GET', '/api/v1/arshjul', {
      token: t['mas'],
    });
    expect(own.body.boardId).toBe('socialnamnden');
    expect(own.body.boards.map((b) => b.id)).toEqual(['omsorgsnamnden', 'socialnamnden']);
    const other = await api.call<{ boardId: string }>('GET', '/api/v1/arshjul?board=omsorgsnamnden', {
      token: t['mas'],
    });
    expect(other.body.boardId).toBe('omsorgsnamnden');
    expectProblem(
      await api.call('GET', `/api/v1/arshjul/${year}?board=omsorgsnamnden`, { token: t['kvalitet'] }),
      404,
      'NOT_FOUND',
    );
  });

  it('the yearly schedule’s activity creates next year’s plan once for every board (DL-31)', async () => {
    const activities = createArshjulActivities({ store: api.store, organisation: organisation() });
    const at = `${year}-10-01T01:00:00Z`;
    const first = await activities.createNextArshjul({ at });
    expect(first).toEqual({ year: year + 1, created: ['socialnamnden', 'omsorgsnamnden'], existing: [] });
    const second = await activities.createNextArshjul({ at });
    expect(second).toEqual({ year: year + 1, created: [], existing: ['socialnamnden', 'omsorgsnamnden'] });
    await syncReadModels(api.db.dataSource, api.store);
    const years = await api.call<{ years: { year: number }[] }>('GET', '/api/v1/arshjul', {
      token: t['kvalitet'],
    });
    expect(years.body.years.map((y) => y.year)).toEqual([year, year + 1]);
  });
});

describe('årshjul demo data (npm start)', () => {
  it('has this year’s plan, partly done, and next year’s proposal; a second run adds nothing', async () => {
    const db = await createTestDatabase();
    try {
      const store = new EventStore(db.dataSource);
      const now = new Date('2026-12-07T10:00:00Z');
      expect(await seedArshjulDemo(db.dataSource, store, now)).toBe(true);
      expect(await seedArshjulDemo(db.dataSource, store, now)).toBe(false);
      const plans = new LsCommandService(ARSHJUL_AGGREGATE, store);
      const current = (await plans.load(arshjulPlanId('socialnamnden', 2026))).state!;
      const next = (await plans.load(arshjulPlanId('socialnamnden', 2027))).state!;
      const completion = arshjulCompletion(current, '2026-12-07');
      expect(completion.done).toBe(10);
      expect(completion.overdue.map((i) => i.id)).toContain('sas_proaktiv_granskning-2');
      expect(next.items.every((i) => i.status === 'planned')).toBe(true);
    } finally {
      await db.drop();
    }
  });
});
