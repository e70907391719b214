import { evolveLedningssystem } from './ledningssystem-document';
import type { LedningssystemEvent } from './ledningssystem-document';
import type { ReviewImprovementAction } from './review-improvement-actions';
import { reviewActionDueAt, validateReviewActions } from './review-improvement-actions';
import { namndDecision } from './test-support';

const action = (change: Partial<ReviewImprovementAction> = {}): ReviewImprovementAction => ({
  improvementId: 'i1',
  title: 'Avvikelserutinen revideras',
  owner: 'enhetschef',
  dueOn: '2027-06-30',
  unitId: 'forvaltning',
  ...change,
});
const MARCH = new Date('2027-03-20T10:00:00Z');

describe("the March review's decided improvements as owned actions (REP-13, IMP-10, DL-24)", () => {
  it('accepts actions with a title, an owner and a last day not yet passed', () => {
    expect(validateReviewActions([action(), action({ dueOn: '2027-03-20' })], MARCH)).toBeNull();
  });

  it.each([
    [{ title: '  ' }, 'actions[1].title', 'REQUIRED'],
    [{ owner: '' }, 'actions[1].owner', 'REQUIRED'],
    [{ dueOn: '' }, 'actions[1].dueOn', 'REQUIRED'],
    [{ dueOn: '2027-02-30' }, 'actions[1].dueOn', 'INVALID_DATE'],
    [{ dueOn: '2027-03-19' }, 'actions[1].dueOn', 'IN_PAST'],
  ])('refuses %p at the field of the action', (change, field, reason) => {
    expect(validateReviewActions([action(), action(change)], MARCH)).toEqual(
      expect.objectContaining({ field, reason }),
    );
  });

  it('is due at the end of the last day in Stockholm', () => {
    expect(reviewActionDueAt('2027-06-30')).toBe('2027-06-30T21:59:59.000Z');
    expect(reviewActionDueAt('2027-12-31')).toBe('2027-12-31T22:59:59.000Z');
  });

  it('still reads reviews completed with text lines only (no actions in the event)', () => {
    const events: LedningssystemEvent[] = [
      {
        type: 'LedningssystemCreated',
        data: { documentId: 'd', unitId: 'forvaltning', title: 'L', owner: 'x', at: 'a', by: 'b' },
      },
      {
        type: 'AnnualReviewCompleted',
        data: {
          year: 2026,
          outcome: 'improvements_decided',
          decision: namndDecision('2026-03-20', 3),
          improvements: ['Nämnden utser verksamhetschef HSL'],
          at: '2026-03-20T10:00:00Z',
          by: 'kvalitet',
        },
      },
    ];
    const state = events.reduce(
      (s, e, i) => evolveLedningssystem(s, e, i + 1),
      null as ReturnType<typeof evolveLedningssystem>,
    );
    expect(state!.reviews[0]).toEqual(
      expect.objectContaining({ improvements: ['Nämnden utser verksamhetschef HSL'], actions: [] }),
    );
  });
});
