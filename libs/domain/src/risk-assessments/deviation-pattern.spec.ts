import fc from 'fast-check';
import {
  DeviationIndex,
  commonAncestor,
  evaluateDeviationWindow,
  findDeviationPatterns,
  scanDeviationHistory,
  type DeviationIndexEntry,
} from './deviation-pattern';
import { DEFAULT_DEVIATION_PATTERN_POLICY } from './risk-policy';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const PARENTS = {
  forvaltning: null,
  aldreomsorg: 'forvaltning',
  solgarden: 'aldreomsorg',
  'hemtjanst-norr': 'aldreomsorg',
  funktionsstod: 'forvaltning',
  ekbacken: 'funktionsstod',
};
const policy = DEFAULT_DEVIATION_PATTERN_POLICY;

let n = 0;
function dev(
  unitId: string,
  daysAgo: number,
  category: string | null = 'fall',
  caseType: DeviationIndexEntry['caseType'] = 'deviation',
): DeviationIndexEntry {
  n += 1;
  return { caseId: `c${n}`, unitId, caseType, category, at: NOW - daysAgo * DAY };
}

function indexOf(entries: DeviationIndexEntry[]): DeviationIndex {
  const index = new DeviationIndex();
  entries.forEach((e) => index.upsert(e));
  return index;
}

describe('deviation pattern rule (RA-5, RA-8, IMP-6)', () => {
  it('defaults: 3 similar in one unit or 5 from 3 units within 90 days; 90 days cooldown', () => {
    expect(policy).toMatchObject({
      windowDays: 90,
      sameUnitThreshold: 3,
      crossUnitThreshold: 5,
      crossUnitMinUnits: 3,
      cooldownDays: 90,
    });
  });

  it('three falls in Solgården within the window propose a risk assessment for Solgården; two do not', () => {
    const two = indexOf([dev('solgarden', 1), dev('solgarden', 40)]);
    expect(findDeviationPatterns(two, policy, NOW)).toEqual([]);
    const three = indexOf([dev('solgarden', 1), dev('solgarden', 40), dev('solgarden', 80)]);
    const [finding] = findDeviationPatterns(three, policy, NOW);
    expect(finding).toMatchObject({
      scope: 'unit',
      proposedUnitId: 'solgarden',
      caseType: 'deviation',
      category: 'fall',
      count: 3,
      key: 'unit:solgarden:deviation|fall',
    });
  });

  it('only similar deviations count: other categories, other types and ones outside the window do not', () => {
    const index = indexOf([
      dev('solgarden', 1),
      dev('solgarden', 2, 'medication'),
      dev('solgarden', 3, 'fall', 'hsl_deviation'),
      dev('solgarden', 91),
      dev('solgarden', 4),
    ]);
    expect(findDeviationPatterns(index, policy, NOW)).toEqual([]);
  });

  it('five from three units make a cross-unit pattern for the nearest unit above them all', () => {
    const entries = [
      dev('solgarden', 1),
      dev('solgarden', 2),
      dev('hemtjanst-norr', 3),
      dev('hemtjanst-norr', 4),
      dev('ekbacken', 5),
    ];
    const findings = findDeviationPatterns(indexOf(entries), policy, NOW, { parents: PARENTS });
    expect(findings).toEqual([
      expect.objectContaining({
        scope: 'cross_unit',
        proposedUnitId: 'forvaltning',
        count: 5,
        unitIds: ['ekbacken', 'hemtjanst-norr', 'solgarden'],
      }),
    ]);
    expect(commonAncestor(['solgarden', 'hemtjanst-norr'], PARENTS)).toBe('aldreomsorg');
  });

  it('a proposal for the same pattern within the cooldown is not repeated', () => {
    const index = indexOf([dev('solgarden', 1), dev('solgarden', 2), dev('solgarden', 3)]);
    const lastProposedAt = new Map([['unit:solgarden:deviation|fall', NOW - 10 * DAY]]);
    expect(findDeviationPatterns(index, policy, NOW, { lastProposedAt })).toEqual([]);
    expect(
      findDeviationPatterns(index, policy, NOW, {
        lastProposedAt: new Map([['unit:solgarden:deviation|fall', NOW - 100 * DAY]]),
      }),
    ).toHaveLength(1);
  });

  it('a reclassified case moves to its new group', () => {
    const index = indexOf([dev('solgarden', 1), dev('solgarden', 2)]);
    const moved = dev('solgarden', 3, null);
    index.upsert(moved);
    expect(findDeviationPatterns(index, policy, NOW)).toEqual([]);
    index.upsert({ ...moved, category: 'fall' });
    expect(index.size).toBe(3);
    expect(findDeviationPatterns(index, policy, NOW)).toHaveLength(1);
  });

  it('property: the history scan proposes exactly when the windowed rule does, and every proposal is backed by enough cases in its window', () => {
    const units = ['solgarden', 'hemtjanst-norr', 'ekbacken'];
    const entryArb = fc.record({
      unit: fc.constantFrom(...units),
      day: fc.integer({ min: 0, max: 400 }),
      category: fc.constantFrom('fall', 'medication'),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), (raw) => {
        const entries = raw.map((r, i) => ({
          caseId: `c${i}`,
          unitId: r.unit,
          caseType: 'deviation' as const,
          category: r.category,
          at: Date.parse('2026-01-01T00:00:00Z') + r.day * DAY + i,
        }));
        const proposals = scanDeviationHistory(entries, policy, { parents: PARENTS });
        for (const p of proposals) {
          const at = Date.parse(p.proposedAt);
          const inWindow = entries.filter(
            (e) => e.category === p.category && e.at <= at && e.at >= at - policy.windowDays * DAY,
          );
          if (p.scope === 'unit') {
            expect(p.count).toBeGreaterThanOrEqual(policy.sameUnitThreshold);
            expect(inWindow.filter((e) => e.unitId === p.unitIds[0]).length).toBe(p.count);
          } else {
            expect(p.count).toBe(inWindow.length);
            expect(new Set(inWindow.map((e) => e.unitId)).size).toBeGreaterThanOrEqual(
              policy.crossUnitMinUnits,
            );
          }
          // the incremental rule, asked at that moment with the same cooldown history, finds it too
          const index = indexOf(entries.filter((e) => e.at <= at));
          const earlier = new Map(
            proposals
              .filter((q) => Date.parse(q.proposedAt) < at)
              .map((q) => [q.key, Date.parse(q.proposedAt)] as const),
          );
          const found = findDeviationPatterns(index, policy, at, {
            parents: PARENTS,
            lastProposedAt: earlier,
          });
          expect(found.map((f) => f.key)).toContain(p.key);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('ignores types the policy does not count', () => {
    const entries = [
      dev('solgarden', 1, null, 'complaint'),
      dev('solgarden', 2, null, 'complaint'),
      dev('solgarden', 3, null, 'complaint'),
    ];
    expect(evaluateDeviationWindow(entries, policy, NOW)).toEqual([]);
  });
});
