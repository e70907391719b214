import { FIXTURE_AS_OF, FIXTURE_CASES } from './fixtures/report-fixture';
import { statisticsFactOf, type StatisticsCaseFact } from './statistics-fact';
import { composeWeeklyDigest } from './weekly-digest';

const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events)).filter(
  (f): f is StatisticsCaseFact => f !== null,
);

describe('composeWeeklyDigest (REP-2; figures checked by hand against the fixture)', () => {
  const digest = composeWeeklyDigest(facts, '2026-W48', FIXTURE_AS_OF);

  it('covers Monday 00:00 to Monday 00:00 Stockholm time', () => {
    expect(digest.from).toBe('2026-11-22T23:00:00.000Z');
    expect(digest.to).toBe('2026-11-29T23:00:00.000Z');
  });

  it('counts the week: 5 reported, 2 closed, 5 open and 2 overdue at its end', () => {
    expect(digest.totals).toEqual({ reported: 5, closed: 2, open: 5, overdue: 2 });
    expect(digest.previousWeek).toEqual({
      week: '2026-W47',
      totals: { reported: 2, closed: 1, open: 2, overdue: 1 },
    });
  });

  it('breaks the new cases down by type, unit and complaint category', () => {
    expect(digest.byType).toMatchObject({
      complaint: 2,
      deviation: 1,
      praise: 1,
      lex_maria: 1,
      lex_sarah: 0,
      hsl_deviation: 0,
    });
    expect(digest.byUnit).toEqual({ 'hemtjanst-norr': 2, solgarden: 3 });
    expect(digest.complaintsByCategory).toEqual({ bemotande: 2 });
  });

  it('reports lex Sarah/Maria status, overdue actions and escalations', () => {
    expect(digest.lexSarahMaria).toEqual({
      reported: { lex_sarah: 0, lex_maria: 1 },
      open: { lex_sarah: 1, lex_maria: 1 },
      awaitingIvo: 0,
      notifiedToIvo: 1,
    });
    expect(digest.overdueActions).toBe(1);
    expect(digest.escalations).toBe(1);
  });

  it('lists de-identified lines: reported in the week or overdue at its end', () => {
    expect(digest.lines.map((l) => [l.caseNumber, l.overdue])).toEqual([
      ['HA-2026-0001', true],
      ['KL-2026-0001', false],
      ['KL-2026-0002', true],
      ['LM-2026-0001', false],
      ['AV-2026-0001', false],
      ['BE-2026-0001', false],
    ]);
    expect(Object.keys(digest.lines[0]!).sort()).toEqual([
      'caseNumber',
      'category',
      'overdue',
      'reportedAt',
      'stage',
      'type',
      'unitId',
    ]);
  });

  it('judges a week not yet over as of now', () => {
    const midweek = composeWeeklyDigest(facts, '2026-W48', new Date('2026-11-24T12:00:00.000Z'));
    // At Tuesday noon only the HSL deviation is past its deadline; the complaint's falls due on Wednesday.
    expect(midweek.totals.overdue).toBe(1);
  });

  it('refuses a malformed week', () => {
    expect(() => composeWeeklyDigest(facts, '2026-W54', FIXTURE_AS_OF)).toThrow('Ogiltig vecka');
  });
});
