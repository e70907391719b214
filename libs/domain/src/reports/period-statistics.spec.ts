import { isoWeekRange } from '../calendar/iso-week';
import { FIXTURE_AS_OF, FIXTURE_CASES, FIXTURE_UNITS } from './fixtures/report-fixture';
import { summariseLeadTimes } from './lead-time';
import { computeStatistics, monthsOf } from './period-statistics';
import { statisticsFactOf, type StatisticsCaseFact } from './statistics-fact';

const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events)).filter(
  (f): f is StatisticsCaseFact => f !== null,
);
const november = {
  from: new Date('2026-10-31T23:00:00.000Z'),
  to: new Date('2026-11-30T23:00:00.000Z'),
  asOf: FIXTURE_AS_OF,
  units: FIXTURE_UNITS,
};

describe('computeStatistics (REP-8)', () => {
  it('counts November in total', () => {
    const s = computeStatistics(facts, november);
    expect(s.totals).toMatchObject({
      reported: 8,
      closed: 3,
      open: 5,
      overdue: 2,
      escalations: 3,
      deadlines: { met: 5, missed: 2 },
    });
    // Two deadlines were missed (KL-0002 acknowledgement, HA-0001 investigation); HA-0001 escalated twice.
    expect(s.totals.actions).toEqual({ open: 1, overdue: 1, effective: 0, ineffective: 0 });
    expect(s.totals.complaints).toEqual({ reported: 2, investigated: 1, deviationFound: 1 });
  });

  it('measures lead times per stage: median and p90 in hours', () => {
    const s = computeStatistics(facts, november);
    // Acknowledged: KL-0001 after 6 h, LS-0001 after 2 h.
    expect(s.totals.leadTimes.acknowledgement).toEqual({ n: 2, medianHours: 2, p90Hours: 6 });
    // Investigation recorded: KL-0001 after 49 h, LS-0001 after 96 h, AV-0002 after 24 h.
    expect(s.totals.leadTimes.investigation).toEqual({ n: 3, medianHours: 49, p90Hours: 96 });
    expect(s.totals.leadTimes.ivo_report).toEqual({ n: 1, medianHours: 119, p90Hours: 119 });
    // Closed: KL-0001 after 97 h, BE-0001 after 1 h, AV-0002 after 48 h.
    expect(s.totals.leadTimes.total).toEqual({ n: 3, medianHours: 48, p90Hours: 97 });
  });

  it('rolls units up the tree', () => {
    const s = computeStatistics(facts, { ...november, groupBy: ['unit'] });
    const reported = Object.fromEntries(s.groups.map((g) => [g.key.unit, g.measures.reported]));
    expect(reported).toEqual({
      forvaltning: 8,
      aldreomsorg: 6,
      solgarden: 4,
      'hemtjanst-norr': 2,
      funktionsstod: 1,
      ekbacken: 1,
      ifo: 1,
      forsorjningsstod: 1,
    });
    expect(s.groups.map((g) => g.key.unit)).toEqual([
      'forvaltning',
      'funktionsstod',
      'ekbacken',
      'ifo',
      'forsorjningsstod',
      'aldreomsorg',
      'hemtjanst-norr',
      'solgarden',
    ]);
  });

  it('follows lex Sarah from report to IVO, and flags units that report nothing', () => {
    const s = computeStatistics(facts, november);
    expect(s.lexSarahFunnel).toEqual({ reports: 1, investigated: 1, serious: 1, notifiedToIvo: 1 });
    expect(s.lexMariaFunnel).toEqual({ reports: 1, investigated: 0, serious: 0, notifiedToIvo: 0 });
    const week48 = computeStatistics(facts, {
      ...isoWeekRange('2026-W48'),
      asOf: FIXTURE_AS_OF,
      units: FIXTURE_UNITS,
    });
    const flags = Object.fromEntries(week48.reportingRate.map((r) => [r.unitId, r.flag]));
    expect(flags).toMatchObject({
      ekbacken: 'none',
      forsorjningsstod: 'none',
      solgarden: null,
      'hemtjanst-norr': null,
    });
  });

  it('splits by month and type with each month judged at its own end', () => {
    const s = computeStatistics(facts, {
      from: new Date('2026-10-31T23:00:00.000Z'),
      to: new Date('2026-12-31T23:00:00.000Z'),
      asOf: new Date('2027-01-01T00:00:00.000Z'),
      units: FIXTURE_UNITS,
      groupBy: ['month', 'type'],
    });
    const dec = s.groups.filter((g) => g.key.month === '2026-12');
    expect(dec.reduce((sum, g) => sum + g.measures.reported, 0)).toBe(0);
    expect(dec.reduce((sum, g) => sum + g.measures.open, 0)).toBe(5);
    // By 31 December the deviation's investigation deadline (25 December) has passed unmet.
    expect(dec.find((g) => g.key.type === 'deviation')!.measures.overdue).toBe(1);
  });

  it('takes months in Stockholm time', () => {
    expect(
      monthsOf(new Date('2026-10-31T23:00:00.000Z'), new Date('2027-01-31T23:00:00.000Z')).map(
        (m) => m.month,
      ),
    ).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('summarises lead times with nearest-rank percentiles', () => {
    expect(summariseLeadTimes([])).toEqual({ n: 0, medianHours: null, p90Hours: null });
    expect(summariseLeadTimes([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({
      n: 10,
      medianHours: 5,
      p90Hours: 9,
    });
  });
});
