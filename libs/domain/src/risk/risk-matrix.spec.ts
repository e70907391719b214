import { RISK_MATRIX, buildRiskMatrix } from './risk-matrix';

// domain.md RA-1, exactly as the seed (002_f6d2d270dc28b007.txt) prints it.
const SEED = [
  ['Mycket stor', 4, [16, 12, 8, 4]],
  ['Stor', 3, [12, 9, 6, 3]],
  ['Liten', 2, [8, 6, 4, 2]],
  ['Mycket liten', 1, [4, 3, 2, 1]],
] as const;

describe('RISK_MATRIX', () => {
  it('has the seed headings: severity Katastrofal (4) … Mindre (1)', () => {
    expect(RISK_MATRIX.rowHeading).toBe('Sannolikhet');
    expect(RISK_MATRIX.columnHeading).toBe('Allvarlighetsgrad');
    expect(RISK_MATRIX.columns).toEqual([
      { severity: 4, label: 'Katastrofal' },
      { severity: 3, label: 'Betydande' },
      { severity: 2, label: 'Måttlig' },
      { severity: 1, label: 'Mindre' },
    ]);
  });

  it('has the seed rows and all 16 cells', () => {
    expect(RISK_MATRIX.rows).toHaveLength(4);
    SEED.forEach(([label, probability, scores], i) => {
      const row = RISK_MATRIX.rows[i]!;
      expect(row.label).toBe(label);
      expect(row.probability).toBe(probability);
      expect(row.cells.map((c) => c.score)).toEqual(scores);
      expect(row.cells.map((c) => c.severity)).toEqual([4, 3, 2, 1]);
      expect(row.cells.every((c) => c.probability === probability)).toBe(true);
    });
  });

  it('colours cells by the default bands', () => {
    expect(RISK_MATRIX.rows.map((r) => r.cells.map((c) => c.level))).toEqual([
      ['very_high', 'very_high', 'high', 'medium'],
      ['very_high', 'high', 'medium', 'low'],
      ['high', 'medium', 'medium', 'low'],
      ['medium', 'low', 'low', 'low'],
    ]);
  });

  it('can be built with custom bands', () => {
    const m = buildRiskMatrix({
      low: { min: 1, max: 2 },
      medium: { min: 3, max: 4 },
      high: { min: 6, max: 9 },
      very_high: { min: 12, max: 16 },
    });
    expect(m.rows[3]!.cells.map((c) => c.level)).toEqual(['medium', 'medium', 'low', 'low']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RISK_MATRIX)).toBe(true);
    expect(Object.isFrozen(RISK_MATRIX.rows[0]!.cells[0])).toBe(true);
  });
});
