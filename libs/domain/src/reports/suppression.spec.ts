import { tertialRange } from '../calendar/period-range';
import { FIXTURE_AS_OF, FIXTURE_CASES, FIXTURE_UNITS } from './fixtures/report-fixture';
import { composePeriodReport, monthlyCountsOf, NAMND_REPORT_KINDS } from './period-report';
import { computeStatistics, type StatisticsMeasures } from './period-statistics';
import { periodReportDocument } from './report-documents';
import { renderReportHtml } from './render-html';
import { statisticsFactOf, type StatisticsCaseFact } from './statistics-fact';
import { composeBerattelse } from './berattelse';
import { maskedCount, suppressTypeGroups, suppressUnitGroups } from './suppression';

const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events)).filter(
  (f): f is StatisticsCaseFact => f !== null,
);
const t3 = tertialRange(2026, 3);
const base = {
  ...t3,
  asOf: FIXTURE_AS_OF,
  units: FIXTURE_UNITS,
  history: monthlyCountsOf(facts),
  comparisons: [],
};
const measures = (reported: number, closed = 0): StatisticsMeasures => {
  const exact = computeStatistics([], { ...t3, asOf: FIXTURE_AS_OF, units: FIXTURE_UNITS }).totals;
  return { ...exact, reported, closed };
};
/** Unit groups with only their reported counts, in the order given. */
const reportedByUnit = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts).map(([unit, reported]) => ({ key: { unit }, measures: measures(reported) }));

describe('REP-15: counts below 3 in nämnd material', () => {
  it('hides 1–2, keeps 0 and 3+, and hides a second cell where the total would give one back', () => {
    const { groups, cells } = suppressTypeGroups([
      { key: { type: 'complaint' }, measures: measures(2, 5) },
      { key: { type: 'deviation' }, measures: measures(7, 4) },
      { key: { type: 'praise' }, measures: measures(4, 0) },
    ]);
    // reported: 2 hidden, so the smallest other (4) as well; closed: none small, all shown.
    expect(groups.map((g) => [g.key.type, g.measures.reported, g.measures.closed])).toEqual([
      ['complaint', null, 5],
      ['deviation', 7, 4],
      ['praise', null, 0],
    ]);
    expect(cells).toBe(2);
  });

  it('in the unit tree a unit and the units right under it are one set; an only child follows its parent', () => {
    const { groups } = suppressUnitGroups(
      reportedByUnit({
        forvaltning: 9,
        funktionsstod: 3,
        ekbacken: 3,
        aldreomsorg: 6,
        'hemtjanst-norr': 1,
        solgarden: 5,
      }),
      FIXTURE_UNITS,
    );
    const reported = Object.fromEntries(groups.map((g) => [g.key.unit, g.measures.reported]));
    // Hemtjänst Norr (1) → Solgården (5) too; the parents stay, so no subtraction gives a hidden one back.
    expect(reported).toEqual({
      forvaltning: 9,
      funktionsstod: 3,
      ekbacken: 3,
      aldreomsorg: 6,
      'hemtjanst-norr': null,
      solgarden: null,
    });
    const forced = suppressUnitGroups(
      reportedByUnit({ forvaltning: 8, funktionsstod: 3, ekbacken: 3, ifo: 5, aldreomsorg: 0 }),
      FIXTURE_UNITS,
    );
    expect(forced.groups.map((g) => g.measures.reported)).toEqual([8, 3, 3, 5, 0]);
  });

  it('the tertial (nämnd) is suppressed and says so; the meeting report (ledningsgrupp) is exact', () => {
    for (const kind of NAMND_REPORT_KINDS)
      expect(composePeriodReport(facts, { ...base, kind, label: 'x' }).suppression.applied).toBe(true);
    const tertial = composePeriodReport(facts, { ...base, kind: 'tertial_report', label: 'tertial 3 2026' });
    expect(tertial.totals.reported).toBe(8);
    expect(tertial.byType.every((g) => g.measures.reported === null)).toBe(true);
    // No unit family with exactly one hidden count: nothing can be subtracted back.
    const hiddenIn = (ids: string[]) =>
      ids.filter((id) => tertial.byUnit.find((g) => g.key.unit === id)?.measures.reported === null).length;
    for (const family of [
      ['forvaltning', 'funktionsstod', 'ifo', 'aldreomsorg'],
      ['aldreomsorg', 'hemtjanst-norr', 'solgarden'],
      ['funktionsstod', 'ekbacken'],
      ['ifo', 'forsorjningsstod'],
    ])
      expect(hiddenIn(family)).not.toBe(1);
    expect(tertial.reportingRate.find((r) => r.unitId === 'solgarden')).toMatchObject({
      reported: null,
      perMonth: null,
    });
    const html = renderReportHtml(
      periodReportDocument(tertial, { organisation: 'x', units: FIXTURE_UNITS, generatedAt: FIXTURE_AS_OF }),
    );
    expect(html).toContain('<td>&lt;3</td>');
    expect(html).toContain('Antal under 3 redovisas inte');

    const meeting = composePeriodReport(facts, { ...base, kind: 'meeting_report', label: 'möte' });
    expect(meeting.suppression).toEqual({ applied: false, threshold: 3, cells: 0 });
    expect(meeting.byType.some((g) => g.measures.reported === 1)).toBe(true);
  });

  it('the berättelser: categories within a type and units along the tree, the running text masked too', () => {
    const kb = composeBerattelse('kvalitetsberattelse', 2026, facts, monthlyCountsOf(facts), {
      organisation: 'x',
      units: FIXTURE_UNITS,
      generatedAt: FIXTURE_AS_OF,
      asOf: FIXTURE_AS_OF,
    });
    expect(kb.byCategory.suppression.applied).toBe(true);
    expect(
      kb.byCategory.groups.every(
        (g) => g.measures.reported === null || g.measures.reported >= 3 || g.measures.reported === 0,
      ),
    ).toBe(true);
    const rate = Object.fromEntries(kb.statistics.reportingRate.map((r) => [r.unitId, r.reported]));
    for (const family of [
      ['forvaltning', 'funktionsstod', 'ifo', 'aldreomsorg'],
      ['aldreomsorg', 'hemtjanst-norr', 'solgarden'],
      ['funktionsstod', 'ekbacken'],
      ['ifo', 'forsorjningsstod'],
    ]) {
      expect(family.filter((id) => rate[id] === null).length).not.toBe(1);
    }
    const text = renderReportHtml(kb.document);
    expect(text).toContain('&lt;3 lex Sarah-rapporter');
    expect([maskedCount(0), maskedCount(2), maskedCount(3)]).toEqual(['0', '<3', '3']);
  });
});
