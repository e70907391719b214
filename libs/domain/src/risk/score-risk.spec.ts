import fc from 'fast-check';
import { POSSIBLE_RISK_SCORES } from './risk-bands';
import { scoreRisk } from './score-risk';

/** Custom bands (low 1–2, high 6–9, very high 12–16) around the medium band under test. */
const customBands = (medium: { min: number; max: number }) => ({
  low: { min: 1, max: 2 },
  medium,
  high: { min: 6, max: 9 },
  very_high: { min: 12, max: 16 },
});

// domain.md RA-1 seed table: [probability, severity, score]
const SEED_CELLS: [number, number, number][] = [
  [4, 4, 16],
  [4, 3, 12],
  [4, 2, 8],
  [4, 1, 4],
  [3, 4, 12],
  [3, 3, 9],
  [3, 2, 6],
  [3, 1, 3],
  [2, 4, 8],
  [2, 3, 6],
  [2, 2, 4],
  [2, 1, 2],
  [1, 4, 4],
  [1, 3, 3],
  [1, 2, 2],
  [1, 1, 1],
];

const LEVEL_BY_SCORE: Record<number, string> = {
  1: 'low',
  2: 'low',
  3: 'low',
  4: 'medium',
  6: 'medium',
  8: 'high',
  9: 'high',
  12: 'very_high',
  16: 'very_high',
};

describe('scoreRisk', () => {
  it.each(SEED_CELLS)('sannolikhet %i × allvarlighetsgrad %i = %i', (probability, severity, score) => {
    expect(scoreRisk(probability, severity)).toEqual({
      ok: true,
      probability,
      severity,
      score,
      level: LEVEL_BY_SCORE[score],
    });
  });

  it('the api.md example (3, 4) is 12, very high', () => {
    const r = scoreRisk(3, 4);
    expect(r.ok && [r.score, r.level]).toEqual([12, 'very_high']);
  });

  it.each([
    [0, 'OUT_OF_RANGE'],
    [5, 'OUT_OF_RANGE'],
    [-1, 'OUT_OF_RANGE'],
    [2.5, 'NOT_INTEGER'],
    ['3', 'NOT_INTEGER'],
    [Number.NaN, 'NOT_INTEGER'],
    [Number.POSITIVE_INFINITY, 'NOT_INTEGER'],
    [null, 'NOT_INTEGER'],
    [undefined, 'NOT_INTEGER'],
  ])('refuses probability %p with %s (without throwing)', (probability, code) => {
    expect(scoreRisk(probability, 2)).toEqual({
      ok: false,
      errors: [{ field: 'probability', code, message: 'Sannolikhet måste vara ett heltal 1–4' }],
    });
  });

  it('reports both fields when both are invalid', () => {
    expect(scoreRisk(0, 4.5)).toEqual({
      ok: false,
      errors: [
        { field: 'probability', code: 'OUT_OF_RANGE', message: 'Sannolikhet måste vara ett heltal 1–4' },
        { field: 'severity', code: 'NOT_INTEGER', message: 'Allvarlighetsgrad måste vara ett heltal 1–4' },
      ],
    });
  });

  it('uses custom bands', () => {
    const r = scoreRisk(2, 3, customBands({ min: 3, max: 4 }));
    expect(r.ok && r.level).toBe('high');
  });

  it('gives a typed error when custom bands leave the score without a level', () => {
    // A medium band from 4 leaves the score 3 without a level.
    expect(scoreRisk(3, 1, customBands({ min: 4, max: 4 }))).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'bands', code: 'UNCOVERED_SCORE' })],
    });
  });

  it('property: any integers 1–4 give a possible score and a level; anything else an error', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10, max: 10 }), fc.double(), fc.string()),
        fc.integer({ min: 1, max: 4 }),
        (p, s) => {
          const r = scoreRisk(p, s);
          const valid = typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 4;
          expect(r.ok).toBe(valid);
          if (r.ok) expect(POSSIBLE_RISK_SCORES).toContain(r.score);
        },
      ),
    );
  });
});
