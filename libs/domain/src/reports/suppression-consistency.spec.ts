import { tertialRange } from '../calendar/period-range';
import { FIXTURE_AS_OF, FIXTURE_UNITS } from './fixtures/report-fixture';
import { computeStatistics, type StatisticsMeasures } from './period-statistics';
import { suppressStatistics, suppressUnitGroups } from './suppression';

/**
 * Issue 21 / REP-15, ADR 0011: the tertial report showed "Äldreomsorg <3 inkomna" right above its
 * own unit "Särskilt boende Solgården 13 507". A parent never hides what a child shows.
 */
const t3 = tertialRange(2026, 3);
const empty = computeStatistics([], { ...t3, asOf: FIXTURE_AS_OF, units: FIXTURE_UNITS });
const measures = (reported: number): StatisticsMeasures => ({ ...empty.totals, reported });

const PARENTS: Readonly<Record<string, readonly string[]>> = {
  forvaltning: ['funktionsstod', 'aldreomsorg', 'ifo'],
  aldreomsorg: ['hemtjanst-norr', 'solgarden'],
  funktionsstod: ['ekbacken'],
};

/** Rolled up as the reports count them: each unit holds its own cases and all below it. */
const REVIEWED = {
  forvaltning: 13_520,
  funktionsstod: 2,
  ekbacken: 2,
  aldreomsorg: 13_513,
  'hemtjanst-norr': 6,
  solgarden: 13_507,
  ifo: 0,
};

function hiddenParentsAboveShownChildren(reported: Readonly<Record<string, number | null>>): string[] {
  return Object.entries(PARENTS).flatMap(([parent, children]) =>
    reported[parent] === null && children.some((child) => (reported[child] ?? null) !== null) ? [parent] : [],
  );
}

describe('suppression along the unit tree is consistent (issue 21)', () => {
  it('the per-unit table never hides a parent above a child it shows', () => {
    const { groups } = suppressUnitGroups(
      Object.entries(REVIEWED).map(([unit, n]) => ({ key: { unit }, measures: measures(n) })),
      FIXTURE_UNITS,
    );
    const reported = Object.fromEntries(groups.map((g) => [g.key.unit!, g.measures.reported]));
    expect(hiddenParentsAboveShownChildren(reported)).toEqual([]);
    expect(reported).toMatchObject({
      funktionsstod: null,
      ekbacken: null,
      aldreomsorg: 13_513,
      solgarden: 13_507,
    });
  });

  it('still hides a second child where one hidden sibling could be subtracted back', () => {
    const { groups } = suppressUnitGroups(
      Object.entries({ aldreomsorg: 12, 'hemtjanst-norr': 2, solgarden: 10 }).map(([unit, n]) => ({
        key: { unit },
        measures: measures(n),
      })),
      FIXTURE_UNITS,
    );
    expect(groups.map((g) => [g.key.unit, g.measures.reported])).toEqual([
      ['aldreomsorg', 12],
      ['hemtjanst-norr', null],
      ['solgarden', null],
    ]);
  });

  it('statistics grouped by type and unit: the unit tree decides the sets within each type', () => {
    const rows = Object.entries(REVIEWED).map(([unit, n]) => ({
      key: { type: 'deviation', unit },
      measures: measures(n),
    }));
    const suppressed = suppressStatistics(
      { ...empty, groupBy: ['type', 'unit'], groups: rows, reportingRate: [] },
      FIXTURE_UNITS,
    );
    const reported = Object.fromEntries(suppressed.groups.map((g) => [g.key.unit!, g.measures.reported]));
    expect(hiddenParentsAboveShownChildren(reported)).toEqual([]);
    expect(reported['solgarden']).toBe(13_507);
    expect(reported['aldreomsorg']).toBe(13_513);
    expect(reported['ekbacken']).toBeNull();
  });
});
