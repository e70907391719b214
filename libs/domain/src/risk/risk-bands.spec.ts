import { DEFAULT_RISK_BANDS, POSSIBLE_RISK_SCORES, riskLevelForScore, validateRiskBands } from './risk-bands';
import { RISK_LEVEL_INFO, isRiskLevel } from './risk-level';
import { PROBABILITY_LABELS, SEVERITY_LABELS, isRiskFactor } from './risk-scale';

const bands = (
  low: [number, number],
  medium: [number, number],
  high: [number, number],
  veryHigh: [number, number],
) => ({
  low: { min: low[0], max: low[1] },
  medium: { min: medium[0], max: medium[1] },
  high: { min: high[0], max: high[1] },
  very_high: { min: veryHigh[0], max: veryHigh[1] },
});

describe('risk bands', () => {
  it('default bands are RA-3: 1–3 low, 4–6 medium, 8–9 high, 12–16 very high', () => {
    expect(DEFAULT_RISK_BANDS).toEqual(bands([1, 3], [4, 6], [8, 9], [12, 16]));
    expect(POSSIBLE_RISK_SCORES.map((s) => riskLevelForScore(s))).toEqual([
      'low',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
      'very_high',
    ]);
    expect(validateRiskBands(DEFAULT_RISK_BANDS)).toEqual({ ok: true, bands: DEFAULT_RISK_BANDS });
  });

  it('scores the matrix cannot produce have no level under the defaults', () => {
    expect(riskLevelForScore(7)).toBeNull();
    expect(riskLevelForScore(0)).toBeNull();
    expect(riskLevelForScore(17)).toBeNull();
  });

  it('levels have Swedish labels and demands', () => {
    expect(RISK_LEVEL_INFO).toEqual({
      low: {
        label: 'Låg',
        demand: 'Hanteras i ordinarie verksamhet',
        actionPlanRequired: false,
        proposedForInternalControl: false,
      },
      medium: {
        label: 'Medel',
        demand: 'Åtgärder övervägs och följs upp',
        actionPlanRequired: false,
        proposedForInternalControl: false,
      },
      high: {
        label: 'Hög',
        demand: 'Handlingsplan krävs',
        actionPlanRequired: true,
        proposedForInternalControl: false,
      },
      very_high: {
        label: 'Mycket hög',
        demand: 'Handlingsplan krävs; föreslås till internkontrollplanen',
        actionPlanRequired: true,
        proposedForInternalControl: true,
      },
    });
    expect(isRiskLevel('very_high')).toBe(true);
    expect(isRiskLevel('critical')).toBe(false);
  });

  it('axes have the seed labels', () => {
    expect(PROBABILITY_LABELS).toEqual({ 4: 'Mycket stor', 3: 'Stor', 2: 'Liten', 1: 'Mycket liten' });
    expect(SEVERITY_LABELS).toEqual({ 4: 'Katastrofal', 3: 'Betydande', 2: 'Måttlig', 1: 'Mindre' });
    expect([0, 1, 4, 5, 2.5, '2'].map(isRiskFactor)).toEqual([false, true, true, false, false, false]);
  });

  it('accepts other valid configurations (gaps only at impossible scores)', () => {
    expect(validateRiskBands(bands([1, 2], [3, 5], [6, 10], [11, 16])).ok).toBe(true);
    expect(validateRiskBands(bands([1, 1], [2, 4], [5, 9], [10, 16])).ok).toBe(true);
  });

  it('refuses overlapping or unordered bands', () => {
    expect(validateRiskBands(bands([1, 4], [4, 6], [8, 9], [12, 16]))).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'bands.medium', code: 'OVERLAP' })],
    });
    expect(validateRiskBands(bands([12, 16], [8, 9], [4, 6], [1, 3]))).toMatchObject({ ok: false });
  });

  it('refuses bands that leave a possible score without a level', () => {
    expect(validateRiskBands(bands([1, 2], [4, 6], [8, 9], [12, 16]))).toEqual({
      ok: false,
      errors: [
        { field: 'bands', code: 'UNCOVERED_SCORE', message: 'Riskvärdena 3 hör inte till någon nivå' },
      ],
    });
  });

  it('refuses bands that contain no possible score', () => {
    expect(validateRiskBands(bands([1, 4], [5, 5], [6, 9], [12, 16]))).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'bands.medium', code: 'EMPTY_BAND' })],
    });
  });

  it('refuses malformed bands', () => {
    const cases: [unknown, string, string][] = [
      [null, 'bands', 'INVALID_TYPE'],
      [[], 'bands', 'INVALID_TYPE'],
      [{ ...DEFAULT_RISK_BANDS, extreme: { min: 1, max: 1 } }, 'bands.extreme', 'UNKNOWN_FIELD'],
      [{ ...DEFAULT_RISK_BANDS, low: undefined }, 'bands.low', 'REQUIRED'],
      [{ ...DEFAULT_RISK_BANDS, low: { min: 0, max: 3 } }, 'bands.low', 'INVALID_BAND'],
      [{ ...DEFAULT_RISK_BANDS, low: { min: 1, max: 3.5 } }, 'bands.low', 'INVALID_BAND'],
      [{ ...DEFAULT_RISK_BANDS, high: { min: 9, max: 8 } }, 'bands.high', 'INVALID_BAND'],
      [{ ...DEFAULT_RISK_BANDS, very_high: { min: 12, max: 17 } }, 'bands.very_high', 'INVALID_BAND'],
      [{ ...DEFAULT_RISK_BANDS, very_high: { min: '12', max: 16 } }, 'bands.very_high', 'INVALID_BAND'],
      [{ ...DEFAULT_RISK_BANDS, low: { min: 1, max: 3, colour: 'green' } }, 'bands.low', 'UNKNOWN_FIELD'],
    ];
    for (const [input, field, code] of cases) {
      expect(validateRiskBands(input)).toEqual({
        ok: false,
        errors: [expect.objectContaining({ field, code })],
      });
    }
  });

  it('returns a frozen copy', () => {
    const input = bands([1, 3], [4, 6], [8, 9], [12, 16]);
    const r = validateRiskBands(input);
    expect(r.ok && r.bands).not.toBe(input);
    expect(r.ok && Object.isFrozen(r.bands.low)).toBe(true);
  });
});
