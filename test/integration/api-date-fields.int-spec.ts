import { randomUUID } from 'node:crypto';
import {
  CASE_DEADLINE_KINDS,
  addDaysToLocalDate,
  addPolicyDuration,
  decideCase,
  isoWeekRange,
  isoWeeksInYear,
  nextRevisionDate,
  statisticsFactOf,
  stockholmDateOf,
  stockholmStartOfDay,
  type StatisticsCaseFact,
} from '@kvalitet/domain';
import { statisticsStore } from '@kvalitet/reporting';
import { acceptedYearRange } from '../../apps/api/src/common/validation/accepted-year-range';
import {
  parseCalendarDate,
  parseDateTimeWithOffset,
  parseIsoWeekInput,
} from '../../apps/api/src/common/validation/date-input';
import { isDate, isDateTimeWithOffset, isIsoWeek } from '../../apps/api/src/common/validation/validators';
import { rangeEndExclusive, rangeStart } from '../../apps/api/src/common/time/stockholm-range';
import { mulberry32 } from '../support/seeded-random';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 23, as a property: every date, date-time and ISO week the api's validators ACCEPT goes
 * through the SQL the projections and reports use (`timestamptz` from text, from a `timestamptz[]`
 * and from jsonb rows; `AT TIME ZONE 'Europe/Stockholm'` to a date, `to_char(…, 'YYYY-MM')`,
 * `extract`, `date_trunc`, the event store's epoch; deadlines and revision dates computed in
 * JavaScript and written back with `toISOString()`) on the real Postgres, and lands in the accepted
 * years; every value the validators refuse though its form is right is one Postgres cannot hold or
 * one outside the years. Values are generated with a seed (edge offsets ±15:59/±16:00/±18:00,
 * boundary years, leap days, up to nine fraction digits).
 */

// The process's range: 1900–2100 unless ACCEPTED_YEAR_MIN / ACCEPTED_YEAR_MAX say otherwise.
const { min: MIN, max: MAX } = acceptedYearRange();
const SEED = 0x1f23_2026;
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

const EDGE_YEARS = [
  MIN - 1,
  MIN,
  MIN + 1,
  MAX - 1,
  MAX,
  MAX + 1,
  1000,
  1582,
  1970,
  2000,
  2024,
  2026,
  9999,
  1,
  0,
];
const year = (): number => (random() < 0.5 ? pick(EDGE_YEARS) : int(MIN - 60, MAX + 60));

function monthAndDay(y: number): [number, number] {
  const r = random();
  if (r < 0.15) return [1, 1];
  if (r < 0.3) return [12, 31];
  if (r < 0.45) return [2, isLeap(y) ? 29 : pick([28, 29])]; // a leap day, or none where the year has none
  if (r < 0.5) return [pick([2, 4, 6, 9, 11]), 31]; // a day the month does not have
  const m = int(1, 12);
  return [m, int(1, monthDays(y, m))];
}

const OFFSETS = [
  'Z',
  '+00:00',
  '-00:00',
  '+01:00',
  '+02:00',
  '-01:00',
  '+14:00',
  '-12:00',
  '+15:59',
  '-15:59',
  '+16:00',
  '-16:00',
  '+18:00',
  '-18:00',
  '+23:59',
  '-23:59',
];
const offset = (): string =>
  random() < 0.75
    ? pick(OFFSETS)
    : `${pick(['+', '-'])}${pad(int(0, 23))}:${pad(pick([0, 15, 30, 45, int(0, 59)]))}`;

function time(): string {
  const r = random();
  const [h, m, s] = r < 0.25 ? [0, 0, 0] : r < 0.5 ? [23, 59, 59] : [int(0, 23), int(0, 59), int(0, 59)];
  if (random() < 0.15) return `${pad(h)}:${pad(m)}`;
  const fraction =
    random() < 0.5
      ? ''
      : `.${random() < 0.3 ? '9'.repeat(int(1, 9)) : String(int(0, 999_999_999)).padStart(9, '0').slice(0, int(1, 9))}`;
  return `${pad(h)}:${pad(m)}:${pad(s)}${fraction}`;
}

function dateString(): string {
  const y = year();
  const [m, d] = monthAndDay(y);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const dateTimeString = (): string => `${dateString()}T${time()}${offset()}`;
const weekString = (): string =>
  `${pad(year(), 4)}-W${pad(random() < 0.3 ? pick([0, 1, 52, 53, 54]) : int(1, 53))}`;

/** Values just outside the range, in every way a value can be: written year, UTC year, rounding. */
const JUST_OUTSIDE = {
  dateTimes: [
    `${MAX}-12-31T23:00:00-01:00`,
    `${MAX}-12-31T20:00:00-15:59`,
    `${MAX}-12-31T23:59:59.9999995Z`,
    `${MAX + 1}-01-01T00:00:00Z`,
    `${MAX + 1}-01-01T00:30:00+01:00`,
    `${MIN}-01-01T00:00:00+00:01`,
    `${MIN}-01-01T15:00:00+15:59`,
    `${MIN - 1}-12-31T23:59:59.999999Z`,
    `${MIN - 1}-12-31T23:30:00-01:00`,
    '9999-12-31T23:59:59-18:00',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
  ],
  dates: [`${MIN - 1}-12-31`, `${MAX + 1}-01-01`, `${MAX + 1}-01-31`, '0001-01-01', '9999-12-31'],
  weeks: [`${MIN - 1}-W52`, `${MAX + 1}-W01`, '9999-W01'],
};

const lastLeapYear = (from: number): number => (isLeap(from) ? from : lastLeapYear(from - 1));
const firstLeapYear = (from: number): number => (isLeap(from) ? from : firstLeapYear(from + 1));
const JUST_INSIDE = {
  dateTimes: [
    `${MAX}-12-31T23:59:59.999999Z`,
    `${MAX}-12-31T23:59:59+00:00`,
    `${MAX}-12-31T23:59:59.9999994+15:59`,
    `${MIN}-01-01T00:00:00Z`,
    `${MIN}-01-01T00:00:00-15:59`,
    ...(lastLeapYear(MAX) >= MIN ? [`${lastLeapYear(MAX)}-02-29T12:00:00+01:00`] : []),
  ],
  dates: [
    `${MIN}-01-01`,
    `${MAX}-12-31`,
    ...(lastLeapYear(MAX) >= MIN ? [`${lastLeapYear(MAX)}-02-29`, `${firstLeapYear(MIN)}-02-29`] : []),
  ],
  weeks: [
    `${MIN}-W01`,
    `${MAX}-W52`,
    ...[MIN, MIN + 1, MIN + 2, MIN + 3, MIN + 4, MIN + 5]
      .filter((y) => y <= MAX && isoWeeksInYear(y) === 53)
      .map((y) => `${y}-W53`),
  ],
};

function generate<T>(count: number, next: () => T, extra: readonly T[]): T[] {
  return [...extra, ...Array.from({ length: count }, next)];
}

const DATE_TIMES = generate(8000, dateTimeString, [...JUST_OUTSIDE.dateTimes, ...JUST_INSIDE.dateTimes]);
const DATES = generate(3000, dateString, [...JUST_OUTSIDE.dates, ...JUST_INSIDE.dates]);
const WEEKS = generate(1500, weekString, [...JUST_OUTSIDE.weeks, ...JUST_INSIDE.weeks]);

/** Runs a statement over all values at once; on failure, value by value, so the message names the culprit. */
async function acceptsAll(db: TestDatabase, sql: string, values: readonly string[]): Promise<void> {
  try {
    await db.dataSource.query(sql, [values]);
  } catch {
    for (const value of values) {
      try {
        await db.dataSource.query(sql, [[value]]);
      } catch (error) {
        throw new Error(
          `Postgres tog inte emot ${JSON.stringify(value)}: ${(error as Error).message}\n${sql}`,
        );
      }
    }
    throw new Error(`Postgres tog inte emot listan, men varje värde för sig: ${sql}`);
  }
}

describe('the api’s date fields through the projections’ SQL types (real Postgres, property)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
    // Postgres's own reading of a value, or null when it refuses it.
    await db.dataSource.query(`
      CREATE FUNCTION pg_read_timestamptz(v text) RETURNS timestamptz LANGUAGE plpgsql AS $$
      BEGIN RETURN v::timestamptz; EXCEPTION WHEN others THEN RETURN NULL; END $$`);
    await db.dataSource.query(`
      CREATE FUNCTION pg_read_timestamp(v text) RETURNS timestamp LANGUAGE plpgsql AS $$
      BEGIN RETURN v::timestamp; EXCEPTION WHEN others THEN RETURN NULL; END $$`);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('generates a broad sample: both accepted and refused values of every kind', () => {
    const counts = {
      dateTimes: [
        DATE_TIMES.filter(isDateTimeWithOffset).length,
        DATE_TIMES.filter((v) => parseDateTimeWithOffset(v) && !isDateTimeWithOffset(v)).length,
      ],
      dates: [DATES.filter(isDate).length, DATES.filter((v) => parseCalendarDate(v) && !isDate(v)).length],
      weeks: [
        WEEKS.filter(isIsoWeek).length,
        WEEKS.filter((v) => parseIsoWeekInput(v) && !isIsoWeek(v)).length,
      ],
    };
    for (const [accepted, refused] of Object.values(counts)) {
      expect(accepted).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(50);
    }
  });

  it('refuses every value just outside the range and accepts the ones just inside', () => {
    expect(JUST_OUTSIDE.dateTimes.filter(isDateTimeWithOffset)).toEqual([]);
    expect(JUST_OUTSIDE.dates.filter(isDate)).toEqual([]);
    expect(JUST_OUTSIDE.weeks.filter(isIsoWeek)).toEqual([]);
    expect(JUST_INSIDE.dateTimes.filter((v) => !isDateTimeWithOffset(v))).toEqual([]);
    expect(JUST_INSIDE.dates.filter((v) => !isDate(v))).toEqual([]);
    expect(JUST_INSIDE.weeks.filter((v) => !isIsoWeek(v))).toEqual([]);
  });

  it('date-times: accepted ⇒ Postgres reads it, in UTC and as written inside the years; refused ⇒ Postgres cannot, or it is outside', async () => {
    const wellFormed = DATE_TIMES.filter((v) => parseDateTimeWithOffset(v) !== null);
    const rows: { v: string; utc_year: number | null; written_year: number | null }[] =
      await db.dataSource.query(
        `SELECT v, extract(year FROM pg_read_timestamptz(v) AT TIME ZONE 'UTC')::int AS utc_year,
              extract(year FROM pg_read_timestamp(v))::int AS written_year
         FROM unnest($1::text[]) v`,
        [wellFormed],
      );
    const inYears = (y: number | null) => y !== null && y >= MIN && y <= MAX;
    const wrong = rows
      .map((r) => ({
        ...r,
        accepted: isDateTimeWithOffset(r.v),
        postgres: inYears(r.utc_year) && inYears(r.written_year),
      }))
      .filter((r) => r.accepted !== r.postgres);
    expect(wrong).toEqual([]);
  });

  it('date-times the validator accepts pass every SQL expression of the projections and reports', async () => {
    const accepted = DATE_TIMES.filter(isDateTimeWithOffset);
    // case read model / statistics / event store: text → timestamptz, timestamptz[] and jsonb rows
    await acceptsAll(db, `SELECT count(t) FROM unnest($1::timestamptz[]) t`, accepted);
    await acceptsAll(
      db,
      `SELECT count(*) FROM (
         SELECT v::timestamptz AS t,
                (v::timestamptz AT TIME ZONE 'Europe/Stockholm')::date AS stockholm_day,
                to_char(v::timestamptz AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS stockholm_month,
                extract(year FROM v::timestamptz AT TIME ZONE 'Europe/Stockholm') AS stockholm_year,
                date_trunc('month', v::timestamptz AT TIME ZONE 'Europe/Stockholm') AS month_start,
                (extract(epoch FROM v::timestamptz) * 1000)::float8 AS epoch_ms,
                v::timestamptz + interval '10 years' AS far_deadline,
                ((v::timestamptz AT TIME ZONE 'Europe/Stockholm')::date + 400) AS date_deadline
           FROM unnest($1::text[]) v) x`,
      accepted,
    );
    await acceptsAll(
      db,
      `SELECT count(*) FROM jsonb_populate_recordset(NULL::rm_cases,
         (SELECT jsonb_agg(jsonb_build_object('reported_at', v, 'occurred_at', v)) FROM unnest($1::text[]) v)) r
        WHERE r.reported_at IS NOT NULL AND r.occurred_at IS NOT NULL`,
      accepted,
    );
    // the domain normalises to UTC and computes deadlines in JavaScript, then writes toISOString()
    const computed = accepted.flatMap((v) => {
      const at = new Date(v);
      return [
        at.toISOString(),
        addPolicyDuration(at, 'P10Y').toISOString(),
        addPolicyDuration(at, 'P6M').toISOString(),
        addPolicyDuration(at, { workingDays: 20 }).toISOString(),
        stockholmStartOfDay(stockholmDateOf(at)).toISOString(),
        rangeStart(v).toISOString(),
        rangeEndExclusive(v).toISOString(),
      ];
    });
    await acceptsAll(db, `SELECT count(t) FROM unnest($1::text[]::timestamptz[]) t`, computed);
  });

  it('dates the validator accepts pass date, timestamptz and the Stockholm day arithmetic', async () => {
    const accepted = DATES.filter(isDate);
    const rows: { v: string; year: number }[] = await db.dataSource.query(
      `SELECT v, extract(year FROM v::date)::int AS year FROM unnest($1::text[]) v`,
      [accepted],
    );
    expect(rows.filter((r) => r.year !== Number(r.v.slice(0, 4)) || r.year < MIN || r.year > MAX)).toEqual(
      [],
    );
    await acceptsAll(
      db,
      `SELECT count(*) FROM (
         SELECT v::date AS d, v::timestamptz AS t, (v || 'T00:00:00Z')::timestamptz AS occurred,
                v::date + interval '10 years' AS revision, (v::date::timestamp AT TIME ZONE 'Europe/Stockholm') AS start_of_day,
                to_char(v::date, 'YYYY-MM') AS month, extract(isodow FROM v::date) AS weekday
           FROM unnest($1::text[]) v) x`,
      accepted,
    );
    const computed = accepted.flatMap((v) => [
      stockholmStartOfDay(v).toISOString(),
      rangeStart(v).toISOString(),
      rangeEndExclusive(v).toISOString(),
      addPolicyDuration(stockholmStartOfDay(v), 'P5Y').toISOString(),
    ]);
    await acceptsAll(db, `SELECT count(t) FROM unnest($1::text[]::timestamptz[]) t`, computed);
    await acceptsAll(
      db,
      `SELECT count(d) FROM unnest($1::text[]::date[]) d`,
      accepted.flatMap((v) => [addDaysToLocalDate(v, 1), nextRevisionDate(v, 'P3Y')]),
    );
  });

  it('ISO weeks the validator accepts give periods Postgres holds', async () => {
    const accepted = WEEKS.filter(isIsoWeek);
    const bounds = accepted.flatMap((w) => {
      const range = isoWeekRange(w);
      return [range.from.toISOString(), range.to.toISOString()];
    });
    await acceptsAll(db, `SELECT count(t) FROM unnest($1::text[]::timestamptz[]) t`, bounds);
  });

  it('accepted reportedAt/occurredAt go through the statistics projection’s write and read (the dead-lettered path)', async () => {
    const accepted = DATE_TIMES.filter(isDateTimeWithOffset);
    const sample = [...JUST_INSIDE.dateTimes, ...accepted.filter((_, i) => i % 7 === 0)];
    const facts = sample.map((value, i): StatisticsCaseFact => {
      const now = new Date(Date.parse(value) + 60_000);
      const result = decideCase(
        {
          type: 'report',
          actor: { username: 'medarbetare', roles: ['staff'] },
          data: {
            caseId: randomUUID(),
            caseNumber: `AV-2026-${pad(i + 1, 5)}`,
            type: 'deviation',
            unitId: 'solgarden',
            occurredAt: value,
            reportedAt: value,
            description: 'Egenskapstest',
            channel: 'staff_form',
          },
        },
        null,
        now,
      );
      if (!result.ok) throw new Error(`${value}: ${result.refusal.message}`);
      const fact = statisticsFactOf(result.events)!;
      const dueAt = addPolicyDuration(new Date(fact.reportedAt), 'P1Y').toISOString();
      return {
        ...fact,
        escalations: [fact.reportedAt],
        deadlines: [{ kind: CASE_DEADLINE_KINDS[0], dueAt, status: 'missed', missedAt: dueAt }],
        actions: [
          {
            level: 'individual',
            addedAt: fact.reportedAt,
            dueAt,
            completedAt: dueAt,
            followedUpAt: dueAt,
            effective: true,
          },
        ],
      };
    });
    await db.dataSource.transaction(async (manager) => {
      await statisticsStore.upsert(manager, facts);
      const stored = await statisticsStore.loadByCase(
        manager,
        facts.map((f) => f.caseId),
      );
      expect(stored).toHaveLength(facts.length);
      const months = await statisticsStore.monthlyCounts(
        manager,
        new Date(Date.UTC(MIN - 1, 0, 1)),
        new Date(Date.UTC(MAX + 2, 0, 1)),
      );
      expect(months.reduce((sum, m) => sum + m.reported, 0)).toBe(facts.length);
      const [timeline] = await manager.query(
        `SELECT (SELECT count(*) FROM rm_statistics_deadlines)::int AS deadlines, (SELECT count(*) FROM rm_statistics_actions)::int AS actions`,
      );
      expect(timeline).toEqual({ deadlines: facts.length, actions: facts.length });
    });
  });
});
