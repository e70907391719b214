import { REVIEW_CHECKLIST } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface ReviewAction {
  improvementId: string;
  reference: string | null;
  title: string;
  owner: string;
  dueOn: string;
  unitId: string;
  stage: string | null;
}
interface Document {
  version: number;
  pendingReview: { year: number } | null;
  reviews: { year: number; outcome: string; improvements: string[]; actions: ReviewAction[] }[];
}
interface Improvement {
  id: string;
  kind: string;
  stage: string;
  unitId: string;
  plan: { title: string; owner: string; dueAt: string; level: string };
  sources: { kind: string; id: string; year?: number; reference?: string }[];
}
interface TaskPage {
  items: { caseId: string; caseType: string; kind: string; assignee: string | null }[];
}

const NAMND = { decidedBy: 'namnd', decidedOn: '2026-12-10', reference: 'SN 2026-12-10 § 91' };
const ACTIONS = [
  { title: 'Nämnden utser verksamhetschef HSL', owner: 'forvaltningschef', dueOn: '2027-04-30' },
  {
    title: 'Avvikelserutinen revideras',
    owner: 'enhetschef',
    dueOn: '2027-06-30',
    unitId: 'solgarden',
  },
];

describe("the March review's decided improvements become owned improvement actions (e2e, REP-13, IMP-10, DL-24)", () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['kvalitet', 'enhetschef', 'forvaltningschef']) t[user] = await api.token(user);
    await api.call('POST', '/api/v1/ledningssystem', {
      token: t['kvalitet'],
      body: { title: 'Ledningssystem för systematiskt kvalitetsarbete', owner: 'forvaltningschef' },
    });
    await api.call('POST', '/api/v1/ledningssystem/versions', {
      token: t['kvalitet'],
      body: {
        version: '1.0',
        validFrom: '2025-02-13',
        changeNote: 'Nytt ledningssystem',
        revisionRule: 'Vartannat år',
        followUpRule: 'Årligen i mars',
        decision: { ...NAMND, decidedOn: '2025-02-12' },
      },
    });
    for (const item of REVIEW_CHECKLIST)
      await api.call('POST', '/api/v1/ledningssystem/reviews/2026/items', {
        token: t['kvalitet'],
        body:
          item.key === 'forordnanden'
            ? { key: item.key, done: false, note: 'Saknas' }
            : { key: item.key, done: true },
      });
  });
  afterAll(async () => {
    await api?.close();
  });

  const complete = (body: unknown, user = 'kvalitet', headers: Record<string, string> = {}) =>
    api.call<Document>('POST', '/api/v1/ledningssystem/reviews/2026/complete', {
      token: t[user]!,
      body,
      headers,
    });
  const improvementEvents = async () =>
    Number(
      (
        await api.db.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM events WHERE aggregate_type = 'improvement'`,
        )
      )[0]!.n,
    );
  const documentVersion = async () =>
    (await api.call<Document>('GET', '/api/v1/ledningssystem', { token: t['kvalitet']! })).body.version;

  it('refuses a missing owner, a missing last day and an unknown owner at the field, writing nothing', async () => {
    const before = { events: await improvementEvents(), version: await documentVersion() };
    const cases: [unknown[], string, string][] = [
      [[ACTIONS[0], { ...ACTIONS[1], owner: undefined }], 'actions[1].owner', 'REQUIRED'],
      [[{ ...ACTIONS[0], dueOn: undefined }], 'actions[0].dueOn', 'REQUIRED'],
      [[{ ...ACTIONS[0], owner: 'ingen.sadan' }], 'actions[0].owner', 'UNKNOWN_USER'],
      [[{ ...ACTIONS[0], dueOn: '2020-01-01' }], 'actions[0].dueOn', 'IN_PAST'],
      [[{ ...ACTIONS[0], title: ' ' }], 'actions[0].title', 'REQUIRED'],
    ];
    for (const [actions, field, code] of cases) {
      const response = await complete({ outcome: 'improvements_decided', decision: NAMND, actions });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED') as {
        errors?: { field: string; code: string }[];
      };
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    expectProblem(
      await complete({ outcome: 'improvements_decided', decision: NAMND, actions: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect({ events: await improvementEvents(), version: await documentVersion() }).toEqual(before);
  });

  it('refuses a unit manager (403), writing nothing', async () => {
    const before = await improvementEvents();
    expectProblem(
      await complete({ outcome: 'improvements_decided', decision: NAMND, actions: ACTIONS }, 'enhetschef'),
      403,
      'FORBIDDEN',
    );
    expect(await improvementEvents()).toBe(before);
  });

  it('completes the review: each improvement is an action with owner, last day and the review as source; the owner has the task', async () => {
    const headers = { 'Idempotency-Key': '7d0c2f1e-3b4a-4c5d-8e6f-2026a0b1c2d3' };
    const completed = await complete(
      { outcome: 'improvements_decided', decision: NAMND, actions: ACTIONS },
      'kvalitet',
      headers,
    );
    expect(completed.status).toBe(200);
    const review = completed.body.reviews.find((r) => r.year === 2026)!;
    expect(review.outcome).toBe('improvements_decided');
    expect(review.actions).toEqual([
      expect.objectContaining({
        title: ACTIONS[0]!.title,
        owner: 'forvaltningschef',
        dueOn: '2027-04-30',
        unitId: 'forvaltning',
        stage: 'planned',
      }),
      expect.objectContaining({
        title: ACTIONS[1]!.title,
        owner: 'enhetschef',
        dueOn: '2027-06-30',
        unitId: 'solgarden',
        stage: 'planned',
      }),
    ]);
    expect(completed.body.pendingReview!.year).toBe(2027);

    for (const [index, action] of review.actions.entries()) {
      const improvement = await api.call<Improvement>(
        'GET',
        `/api/v1/improvement-actions/${action.improvementId}`,
        { token: t['kvalitet']! },
      );
      expect(improvement.status).toBe(200);
      expect(improvement.body).toMatchObject({
        kind: 'action',
        stage: 'planned',
        unitId: action.unitId,
        plan: { title: ACTIONS[index]!.title, owner: action.owner, level: 'organisational' },
        sources: [expect.objectContaining({ kind: 'ledningssystem_review', year: 2026 })],
      });
      expect(improvement.body.plan.dueAt.slice(0, 10)).toBe(action.dueOn);
    }

    await syncReadModels(api.db.dataSource, api.store);
    const tasks = (await api.call<TaskPage>('GET', '/api/v1/tasks', { token: t['enhetschef']! })).body.items;
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: review.actions[1]!.improvementId,
          caseType: 'improvement',
          kind: 'implement_improvement',
          assignee: 'enhetschef',
        }),
      ]),
    );

    const events = await improvementEvents();
    const retried = await complete(
      { outcome: 'improvements_decided', decision: NAMND, actions: ACTIONS },
      'kvalitet',
      headers,
    );
    // The decision is recorded once: the retry is told so, and finds the actions already written.
    expectProblem(retried, 409, 'INVALID_TRANSITION');
    expectProblem(
      await complete({ outcome: 'improvements_decided', decision: NAMND, actions: [ACTIONS[0]] }),
      409,
      'INVALID_TRANSITION',
    );
    expect(await improvementEvents()).toBe(events);
    const after = await api.call<Document>('GET', '/api/v1/ledningssystem', { token: t['kvalitet']! });
    expect(after.body.reviews.find((r) => r.year === 2026)!.actions).toHaveLength(2);
  });
});
