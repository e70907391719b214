import type { CaseType } from '../cases/case-type';
import type { DeviationPatternData } from './risk-assessment-events';
import type { DeviationPatternPolicy } from './risk-policy';

/**
 * The deviation pattern rule (RA-5 "sannolikt bedöms inträffa på andra enheter", RA-8, IMP-6):
 * similar deviations — same case type and category — that recur within a sliding window, in one unit
 * (`sameUnitThreshold`) or across several units (`crossUnitThreshold` from at least
 * `crossUnitMinUnits` units), make the system propose a risk assessment. Pure code over a compact
 * index of deviations; the thresholds are policy.
 */
export interface DeviationIndexEntry {
  readonly caseId: string;
  readonly unitId: string;
  readonly caseType: CaseType;
  /** null until classified: such deviations are grouped by type alone. */
  readonly category: string | null;
  /** When it happened (else when reported), ms since the epoch. */
  readonly at: number;
}

export interface DeviationPatternFinding extends DeviationPatternData {
  /** The unit the proposal goes to: the unit itself, or the nearest unit above all of them. */
  readonly proposedUnitId: string | null;
}

/** Parent per unit id (null at the root), for the unit above a cross-unit pattern. */
export type UnitParents = Readonly<Record<string, string | null>>;

const DAY_MS = 86_400_000;

export function deviationGroupKey(caseType: string, category: string | null): string {
  return `${caseType}|${category ?? ''}`;
}

export function patternKey(
  scope: 'unit' | 'cross_unit',
  unitId: string | null,
  caseType: string,
  category: string | null,
): string {
  return `${scope}:${unitId ?? '*'}:${deviationGroupKey(caseType, category)}`;
}

/** The nearest unit that is or contains every one of `unitIds`, or null if they share none. */
export function commonAncestor(unitIds: readonly string[], parents: UnitParents): string | null {
  const chain = (unit: string): string[] => {
    const result: string[] = [];
    let current: string | null | undefined = unit;
    const seen = new Set<string>();
    while (current !== null && current !== undefined && !seen.has(current)) {
      seen.add(current);
      result.push(current);
      current = parents[current];
    }
    return result;
  };
  const [first, ...rest] = unitIds;
  if (first === undefined) return null;
  const others = rest.map((unit) => new Set(chain(unit)));
  return chain(first).find((candidate) => others.every((set) => set.has(candidate))) ?? null;
}

/**
 * A compact, mutable index of the deviations that matter to the rule: per (type, category) group
 * an array sorted by time. Adding a case again (e.g. after reclassification) moves it.
 */
export class DeviationIndex {
  private readonly groups = new Map<string, DeviationIndexEntry[]>();
  private readonly groupOfCase = new Map<string, string>();

  get size(): number {
    return this.groupOfCase.size;
  }

  /** Adds or replaces the entry of a case; returns the group key it is in now. */
  upsert(entry: DeviationIndexEntry): string {
    this.remove(entry.caseId);
    const key = deviationGroupKey(entry.caseType, entry.category);
    let group = this.groups.get(key);
    if (!group) {
      group = [];
      this.groups.set(key, group);
    }
    let index = group.length;
    while (index > 0 && group[index - 1]!.at > entry.at) index--;
    group.splice(index, 0, entry);
    this.groupOfCase.set(entry.caseId, key);
    return key;
  }

  remove(caseId: string): void {
    const key = this.groupOfCase.get(caseId);
    if (key === undefined) return;
    const group = this.groups.get(key)!;
    const index = group.findIndex((e) => e.caseId === caseId);
    if (index >= 0) group.splice(index, 1);
    this.groupOfCase.delete(caseId);
  }

  groupKeys(): string[] {
    return [...this.groups.keys()];
  }

  /** The entries of a group with `from <= at <= to`, oldest first. */
  window(key: string, from: number, to: number): DeviationIndexEntry[] {
    const group = this.groups.get(key) ?? [];
    let lo = 0;
    let hi = group.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (group[mid]!.at < from) lo = mid + 1;
      else hi = mid;
    }
    const result: DeviationIndexEntry[] = [];
    for (let i = lo; i < group.length && group[i]!.at <= to; i++) result.push(group[i]!);
    return result;
  }
}

export interface PatternOptions {
  readonly parents?: UnitParents;
  /** When each pattern key was last proposed (ms): none again within `cooldownDays`. */
  readonly lastProposedAt?: ReadonlyMap<string, number>;
}

function finding(
  scope: 'unit' | 'cross_unit',
  proposedUnitId: string | null,
  entries: readonly DeviationIndexEntry[],
): DeviationPatternFinding {
  const first = entries[0]!;
  return {
    key: patternKey(scope, proposedUnitId, first.caseType, first.category),
    scope,
    proposedUnitId,
    caseType: first.caseType,
    category: first.category,
    caseIds: entries.map((e) => e.caseId),
    unitIds: [...new Set(entries.map((e) => e.unitId))].sort(),
    count: entries.length,
    windowFrom: new Date(first.at).toISOString(),
    windowTo: new Date(entries[entries.length - 1]!.at).toISOString(),
  };
}

function coolingDown(
  key: string,
  now: number,
  policy: DeviationPatternPolicy,
  options: PatternOptions,
): boolean {
  const last = options.lastProposedAt?.get(key);
  return last !== undefined && now - last < policy.cooldownDays * DAY_MS;
}

/** The patterns in one group's window (entries of one type and category, oldest first) at `now`. */
export function evaluateDeviationWindow(
  entries: readonly DeviationIndexEntry[],
  policy: DeviationPatternPolicy,
  now: number,
  options: PatternOptions = {},
): DeviationPatternFinding[] {
  if (entries.length === 0 || !policy.caseTypes.includes(entries[0]!.caseType)) return [];
  const findings: DeviationPatternFinding[] = [];
  const byUnit = new Map<string, DeviationIndexEntry[]>();
  for (const entry of entries) {
    const list = byUnit.get(entry.unitId);
    if (list) list.push(entry);
    else byUnit.set(entry.unitId, [entry]);
  }
  for (const [unitId, list] of [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (list.length < policy.sameUnitThreshold) continue;
    const found = finding('unit', unitId, list);
    if (!coolingDown(found.key, now, policy, options)) findings.push(found);
  }
  if (entries.length >= policy.crossUnitThreshold && byUnit.size >= policy.crossUnitMinUnits) {
    const above = commonAncestor([...byUnit.keys()], options.parents ?? {});
    const found = finding('cross_unit', above, entries);
    if (!coolingDown(found.key, now, policy, options)) findings.push(found);
  }
  return findings;
}

/** Every pattern in the index at `now` (optionally only in the given groups). */
export function findDeviationPatterns(
  index: DeviationIndex,
  policy: DeviationPatternPolicy,
  now: number,
  options: PatternOptions & { readonly groupKeys?: readonly string[] } = {},
): DeviationPatternFinding[] {
  const from = now - policy.windowDays * DAY_MS;
  return (options.groupKeys ?? index.groupKeys()).flatMap((key) =>
    evaluateDeviationWindow(index.window(key, from, now), policy, now, options),
  );
}

/**
 * Replays deviations in time order through the rule, as if each had just been reported, and returns
 * the proposals it would have made (cooldown included). One pass with a sliding window per group:
 * O(n log n) for the sort, then amortised constant work per deviation plus the size of each
 * proposal. Used for the benchmark and to check the incremental path.
 */
export function scanDeviationHistory(
  entries: readonly DeviationIndexEntry[],
  policy: DeviationPatternPolicy,
  options: { readonly parents?: UnitParents } = {},
): (DeviationPatternFinding & { readonly proposedAt: string })[] {
  const windowMs = policy.windowDays * DAY_MS;
  const cooldownMs = policy.cooldownDays * DAY_MS;
  const sorted = entries.filter((e) => policy.caseTypes.includes(e.caseType)).sort((a, b) => a.at - b.at);
  interface Window {
    entries: DeviationIndexEntry[];
    head: number;
    perUnit: Map<string, number>;
  }
  const windows = new Map<string, Window>();
  const lastProposed = new Map<string, number>();
  const proposals: (DeviationPatternFinding & { proposedAt: string })[] = [];
  const propose = (
    scope: 'unit' | 'cross_unit',
    unitId: string | null,
    list: DeviationIndexEntry[],
    at: number,
  ) => {
    const found = finding(scope, unitId, list);
    const last = lastProposed.get(found.key);
    if (last !== undefined && at - last < cooldownMs) return;
    lastProposed.set(found.key, at);
    proposals.push({ ...found, proposedAt: new Date(at).toISOString() });
  };
  for (const entry of sorted) {
    const key = deviationGroupKey(entry.caseType, entry.category);
    let w = windows.get(key);
    if (!w) {
      w = { entries: [], head: 0, perUnit: new Map() };
      windows.set(key, w);
    }
    w.entries.push(entry);
    w.perUnit.set(entry.unitId, (w.perUnit.get(entry.unitId) ?? 0) + 1);
    while (w.entries[w.head]!.at < entry.at - windowMs) {
      const old = w.entries[w.head++]!;
      const left = w.perUnit.get(old.unitId)! - 1;
      if (left === 0) w.perUnit.delete(old.unitId);
      else w.perUnit.set(old.unitId, left);
    }
    if (w.head > 1024 && w.head * 2 > w.entries.length) {
      w.entries = w.entries.slice(w.head);
      w.head = 0;
    }
    const inWindow = w.entries.length - w.head;
    const unitCount = w.perUnit.get(entry.unitId)!;
    if (unitCount >= policy.sameUnitThreshold) {
      const unitKey = patternKey('unit', entry.unitId, entry.caseType, entry.category);
      const last = lastProposed.get(unitKey);
      if (last === undefined || entry.at - last >= cooldownMs) {
        const list: DeviationIndexEntry[] = [];
        for (let i = w.head; i < w.entries.length; i++)
          if (w.entries[i]!.unitId === entry.unitId) list.push(w.entries[i]!);
        propose('unit', entry.unitId, list, entry.at);
      }
    }
    if (inWindow >= policy.crossUnitThreshold && w.perUnit.size >= policy.crossUnitMinUnits) {
      const above = commonAncestor([...w.perUnit.keys()], options.parents ?? {});
      const crossKey = patternKey('cross_unit', above, entry.caseType, entry.category);
      const last = lastProposed.get(crossKey);
      if (last === undefined || entry.at - last >= cooldownMs)
        propose('cross_unit', above, w.entries.slice(w.head), entry.at);
    }
  }
  return proposals;
}
