import { advanceDutiesAt, KVALITET, namndDecision } from './test-support';
import {
  LEDNINGSSYSTEM_DOCUMENT_AGGREGATE as AGG,
  REVIEW_CHECKLIST,
  isReviewOverdue,
  pendingReviewYear,
} from './ledningssystem-document';
import type {
  LedningssystemCommand,
  LedningssystemDocumentState,
  LedningssystemEvent,
} from './ledningssystem-document';

const NAMND = namndDecision('2026-02-12', 14);

function run(commands: [LedningssystemCommand, string][]): {
  state: LedningssystemDocumentState | null;
  refusal?: string;
  events: LedningssystemEvent[];
} {
  let state: LedningssystemDocumentState | null = null;
  const events: LedningssystemEvent[] = [];
  for (const [command, now] of commands) {
    const decision = AGG.decide(command, state, new Date(now));
    if (!decision.ok) return { state, refusal: decision.refusal.reason, events };
    for (const event of decision.events) {
      state = AGG.evolve(state, event, (state?.version ?? 0) + 1);
      events.push(event);
    }
  }
  return { state, events };
}

const create: [LedningssystemCommand, string] = [
  {
    type: 'create',
    actor: KVALITET,
    data: {
      documentId: 'd',
      unitId: 'forvaltning',
      title: 'Ledningssystem för systematiskt kvalitetsarbete',
      owner: 'forvaltningschef',
    },
  },
  '2026-01-10T10:00:00Z',
];
const adopt = (decision = NAMND, version = '1.0'): [LedningssystemCommand, string] => [
  {
    type: 'adopt-version',
    actor: KVALITET,
    data: {
      version,
      decision,
      validFrom: '2026-02-13',
      changeNote: 'Nytt',
      revisionRule: 'Vartannat år',
      followUpRule: 'Årligen i mars',
    },
  },
  '2026-02-13T10:00:00Z',
];
const checkAll = (year: number, done = true): [LedningssystemCommand, string][] =>
  REVIEW_CHECKLIST.map((i) => [
    {
      type: 'check-review-item',
      actor: KVALITET,
      data: { year, key: i.key, done, note: done ? '' : 'Saknas' },
    },
    `${year}-03-05T10:00:00Z`,
  ]);

describe('the ledningssystem document and its March review (PR-9, AUD-1, AUD-4, REP-13, DL-24)', () => {
  it('only the nämnd adopts it (AUD-1, KL 6:38)', () => {
    expect(run([create, adopt({ ...NAMND, decidedBy: 'forvaltningschef' })]).refusal).toBe('NOT_NAMND');
    expect(run([create, adopt()]).state).toMatchObject({
      status: 'adopted',
      versions: [{ version: '1.0', decision: NAMND, revisionRule: 'Vartannat år' }],
    });
  });

  it('the first review is due in the March after adoption, for the quality function, escalating to the director', () => {
    const { state } = run([create, adopt()]);
    expect(pendingReviewYear(state!)).toBe(2027);
    expect(AGG.duties(state!)).toEqual([
      expect.objectContaining({
        key: 'review/2027',
        dueAt: '2027-03-31T22:00:00.000Z',
        assigneeRole: 'quality_coordinator',
        escalateTo: ['director'],
      }),
    ]);
    const notYet = AGG.decide(advanceDutiesAt('2027-02-27T00:00:00Z', KVALITET), state, new Date());
    expect(notYet).toMatchObject({ ok: true, events: [], nextWakeAt: '2027-03-01T23:00:00.000Z' });
    expect(isReviewOverdue(state!, new Date('2027-04-02T00:00:00Z'))).toBe(true);
  });

  it('a review completes only with the whole checklist and a nämnd decision; then next year is pending', () => {
    const incomplete = run([
      create,
      adopt(),
      ...checkAll(2027).slice(0, 3),
      [
        {
          type: 'complete-review',
          actor: KVALITET,
          data: { year: 2027, outcome: 'approved', decision: NAMND, improvements: [] },
        },
        '2027-03-20T10:00:00Z',
      ],
    ]);
    expect(incomplete.refusal).toBe('CHECKLIST_INCOMPLETE');
    const done = run([
      create,
      adopt(),
      ...checkAll(2027),
      [
        {
          type: 'complete-review',
          actor: KVALITET,
          data: {
            year: 2027,
            outcome: 'approved',
            decision: { ...NAMND, decidedOn: '2027-03-20' },
            improvements: [],
          },
        },
        '2027-03-20T10:00:00Z',
      ],
    ]);
    expect(done.refusal).toBeUndefined();
    expect(pendingReviewYear(done.state!)).toBe(2028);
  });

  it("unmet items cannot be approved without improvements, which become next year's plan (IMP-10)", () => {
    const base = [create, adopt(), ...checkAll(2027, false)];
    expect(
      run([
        ...base,
        [
          {
            type: 'complete-review',
            actor: KVALITET,
            data: { year: 2027, outcome: 'approved', decision: NAMND, improvements: [] },
          },
          '2027-03-20T10:00:00Z',
        ],
      ]).refusal,
    ).toBe('NOT_ALL_MET');
    const decided = run([
      ...base,
      [
        {
          type: 'complete-review',
          actor: KVALITET,
          data: {
            year: 2027,
            outcome: 'improvements_decided',
            decision: NAMND,
            improvements: ['Utse verksamhetschef HSL'],
          },
        },
        '2027-03-20T10:00:00Z',
      ],
    ]);
    expect(decided.state!.reviews[0]).toMatchObject({
      outcome: 'improvements_decided',
      improvements: ['Utse verksamhetschef HSL'],
    });
    expect(
      run([
        create,
        adopt(),
        [
          {
            type: 'check-review-item',
            actor: KVALITET,
            data: { year: 2028, key: 'namndbeslut', done: true, note: '' },
          },
          '2027-03-01T10:00:00Z',
        ],
      ]).refusal,
    ).toBe('NOT_PENDING');
  });
});
