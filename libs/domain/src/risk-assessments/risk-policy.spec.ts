import { DEFAULT_RISK_POLICY, validateRiskPolicy } from './risk-policy';

describe('risk policy (RA-3 bands + the deviation pattern rule)', () => {
  it('the defaults are valid and are the contract defaults', () => {
    expect(
      validateRiskPolicy({ bands: DEFAULT_RISK_POLICY.bands, pattern: DEFAULT_RISK_POLICY.pattern }),
    ).toMatchObject({ ok: true });
    expect(DEFAULT_RISK_POLICY.bands).toEqual({
      low: { min: 1, max: 3 },
      medium: { min: 4, max: 6 },
      high: { min: 8, max: 9 },
      very_high: { min: 12, max: 16 },
    });
  });

  it.each([
    [null, ''],
    [{ bands: DEFAULT_RISK_POLICY.bands }, 'pattern'],
    [{ pattern: DEFAULT_RISK_POLICY.pattern }, 'bands'],
    [{ ...DEFAULT_RISK_POLICY, extra: 1 }, 'extra'],
    [{ ...DEFAULT_RISK_POLICY, version: 0 }, 'version'],
    [
      { ...DEFAULT_RISK_POLICY, pattern: { ...DEFAULT_RISK_POLICY.pattern, windowDays: 0 } },
      'pattern.windowDays',
    ],
    [
      { ...DEFAULT_RISK_POLICY, pattern: { ...DEFAULT_RISK_POLICY.pattern, sameUnitThreshold: 1.5 } },
      'pattern.sameUnitThreshold',
    ],
    [
      { ...DEFAULT_RISK_POLICY, pattern: { ...DEFAULT_RISK_POLICY.pattern, caseTypes: ['praise', 'nope'] } },
      'pattern.caseTypes',
    ],
    [
      { ...DEFAULT_RISK_POLICY, pattern: { ...DEFAULT_RISK_POLICY.pattern, caseTypes: [] } },
      'pattern.caseTypes',
    ],
    [
      {
        ...DEFAULT_RISK_POLICY,
        pattern: { ...DEFAULT_RISK_POLICY.pattern, crossUnitThreshold: 2, crossUnitMinUnits: 3 },
      },
      'pattern.crossUnitThreshold',
    ],
    [
      { ...DEFAULT_RISK_POLICY, pattern: { ...DEFAULT_RISK_POLICY.pattern, colour: 'red' } },
      'pattern.colour',
    ],
    [{ ...DEFAULT_RISK_POLICY, bands: { ...DEFAULT_RISK_POLICY.bands, low: { min: 1, max: 2 } } }, 'bands'],
  ])('refuses %j naming %s', (input, field) => {
    const result = validateRiskPolicy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toContain(field);
      expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
    }
  });
});
