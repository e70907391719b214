import { timelineMoment, triageOutcomeText } from './handelseanalys';

describe('händelseanalys in words', () => {
  it('shows a timeline moment as people write it', () => {
    expect(timelineMoment('2026-02-10 14:30')).toBe('10 februari 2026 kl. 14:30');
    expect(timelineMoment('2026-02-10')).toBe('10 februari 2026');
  });

  it('tells the reporter what became of the observation (IMP-8)', () => {
    expect(triageOutcomeText(null)).toBe('Väntar på att chefen tar ställning');
    expect(
      triageOutcomeText({ outcome: 'no_action', rationale: 'Redan åtgärdat', targetReference: null }),
    ).toBe('Ingen åtgärd: Redan åtgärdat');
    expect(
      triageOutcomeText({ outcome: 'risk_assessment', rationale: null, targetReference: 'RA-2026-0003' }),
    ).toBe('En riskanalys görs (RA-2026-0003)');
  });
});
