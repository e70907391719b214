import {
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  GENERIC_OUTCOMES,
  LEX_MARIA_OUTCOMES,
  LEX_SARAH_OUTCOMES,
  isCaseOutcome,
  isNoActionOutcome,
  isOutcomeAllowedForType,
  isSeriousOutcome,
  outcomesForType,
} from './case-outcome';

describe('case outcomes', () => {
  it('names the lex Sarah and lex Maria outcomes of api.md', () => {
    expect(LEX_SARAH_OUTCOMES).toEqual([
      'allvarligt_missforhallande',
      'pataglig_risk_for_allvarligt_missforhallande',
      'missforhallande',
      'risk_for_missforhallande',
      'ej_missforhallande',
    ]);
    expect(LEX_MARIA_OUTCOMES).toEqual([
      'allvarlig_vardskada',
      'vardskada',
      'risk_for_vardskada',
      'ej_vardskada',
    ]);
  });

  it('treats exactly three outcomes as serious (IVO notification)', () => {
    expect(CASE_OUTCOMES.filter(isSeriousOutcome)).toEqual([
      'allvarligt_missforhallande',
      'pataglig_risk_for_allvarligt_missforhallande',
      'allvarlig_vardskada',
    ]);
  });

  it('gives each type its outcome set', () => {
    expect(outcomesForType('lex_sarah')).toBe(LEX_SARAH_OUTCOMES);
    expect(outcomesForType('lex_maria')).toBe(LEX_MARIA_OUTCOMES);
    expect(outcomesForType('complaint')).toBe(GENERIC_OUTCOMES);
    // LC-7: the MAS assesses vårdskada on an HSL deviation; an allvarlig vårdskada goes to lex Maria.
    expect(outcomesForType('hsl_deviation')).toEqual([
      'vardskada',
      'risk_for_vardskada',
      'ej_vardskada',
      ...GENERIC_OUTCOMES,
    ]);
    expect(isOutcomeAllowedForType('vardskada', 'lex_sarah')).toBe(false);
    expect(isOutcomeAllowedForType('missforhallande', 'lex_sarah')).toBe(true);
    expect(isOutcomeAllowedForType('inga_atgarder', 'lex_maria')).toBe(false);
  });

  it('has a Swedish label for every outcome and knows the no-action ones', () => {
    expect(Object.keys(CASE_OUTCOME_LABELS).sort()).toEqual([...CASE_OUTCOMES].sort());
    expect(CASE_OUTCOME_LABELS.pataglig_risk_for_allvarligt_missforhallande).toBe(
      'Påtaglig risk för allvarligt missförhållande',
    );
    expect(CASE_OUTCOMES.filter(isNoActionOutcome)).toEqual([
      'ej_missforhallande',
      'ej_vardskada',
      'inga_atgarder',
      'avvikelse_ej_bekraftad',
    ]);
    expect(isCaseOutcome('vardskada')).toBe(true);
    expect(isCaseOutcome('serious')).toBe(false);
  });
});
