import { decisionNotice, reviewReadiness, statusCards, type LedningssystemStatus } from './ledningssystem';

const status = (patch: Partial<LedningssystemStatus> = {}): LedningssystemStatus => ({
  on: '2026-12-07',
  unitIds: ['solgarden'],
  document: {
    decision: 'valid',
    decidedOn: '2026-02-12',
    validUntil: '2028-02-12',
    reviewOverdue: false,
    pendingReviewYear: 2027,
  },
  routinesOverdue: 0,
  routinesDueSoon: 0,
  appointmentsMissing: 0,
  egenkontrollMissing: 0,
  internkontrollStepsDue: 0,
  trainingOverdue: 0,
  riskAnalysisGaps: 0,
  riskAnalysisUnits: 1,
  improvementsOverdue: 0,
  arshjulOverdue: 0,
  reportsAwaitingApproval: 1,
  ...patch,
});

describe('kvalitet’s start page (AUD-1, AUD-2, AUD-22)', () => {
  it('a missing or expired nämnd decision is red and says what to do', () => {
    expect(decisionNotice({ ...status().document, decision: 'missing' })).toMatchObject({ red: true });
    const expired = decisionNotice({
      ...status().document,
      decision: 'expired',
      decidedOn: '2024-02-12',
      validUntil: '2026-02-12',
    });
    expect(expired.red).toBe(true);
    expect(expired.text).toContain('2026-02-12');
    expect(decisionNotice(status().document).red).toBe(false);
  });

  it('one card per register, linking to its page, with the counts', () => {
    const cards = statusCards(status({ appointmentsMissing: 2, riskAnalysisGaps: 1 }));
    expect(cards.map((c) => c.to)).toEqual([
      '/ledningssystem/dokument',
      '/ledningssystem/arlig-genomgang/2027',
      '/ledningssystem/rutiner',
      '/ledningssystem/forordnanden',
      '/ledningssystem/egenkontroll',
      '/ledningssystem/internkontroll',
      '/ledningssystem/utbildning',
      '/riskanalyser',
      '/ledningssystem/handelseanalyser',
      '/ledningssystem/arshjul',
      '/rapporter',
    ]);
    expect(cards.find((c) => c.key === 'forordnanden')).toMatchObject({
      count: 2,
      text: '2 roller saknar ett gällande förordnande.',
    });
    expect(cards.find((c) => c.key === 'riskanalyser')?.text).toBe('1 av 1 enhet saknar en riskanalys i år.');
    expect(cards.find((c) => c.key === 'rapporter')?.text).toBe('1 rapport väntar på godkännande.');
    // A register the caller does not see gets no card.
    expect(statusCards(status({ reportsAwaitingApproval: null })).some((c) => c.key === 'rapporter')).toBe(
      false,
    );
    // No text shown to people carries a requirement code.
    expect(cards.every((c) => !/[A-Z]{2,}-\d/.test(c.text + c.title))).toBe(true);
  });

  it('the review card is there only once a version is adopted, and red when March has passed', () => {
    expect(
      statusCards(
        status({ document: { ...status().document, decision: 'missing', pendingReviewYear: null } }),
      ).some((c) => c.key === 'genomgang'),
    ).toBe(false);
    const overdue = statusCards(status({ document: { ...status().document, reviewOverdue: true } }));
    expect(overdue.find((c) => c.key === 'genomgang')?.count).toBe(1);
  });
});

describe('the March review (REP-13)', () => {
  it('is completed only when every item is gone through, and approved only when all are met', () => {
    expect(reviewReadiness([{ done: true }, { done: null }])).toMatchObject({ canComplete: false, open: 1 });
    expect(reviewReadiness([{ done: true }, { done: false }])).toMatchObject({
      canComplete: true,
      canApprove: false,
      notMet: 1,
    });
    expect(reviewReadiness([{ done: true }, { done: true }]).canApprove).toBe(true);
  });
});
