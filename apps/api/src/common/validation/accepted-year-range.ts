import { z } from 'zod';

/**
 * The years a date or timestamp in a request may lie in (issue 23): every store and every step after
 * the api (the projections' `timestamptz`, `AT TIME ZONE`, deadlines added in JavaScript and written
 * back with `toISOString()`) must be able to hold it. Default 1900–2100 inclusive; an operator may
 * move either end with `ACCEPTED_YEAR_MIN` / `ACCEPTED_YEAR_MAX`, within 1600–9000: working-day
 * deadlines need the Swedish holiday calendar (Easter, computed from 1583 on), and a value plus a
 * deadline of years in any time zone must stay a four-digit year.
 */
export interface YearRange {
  readonly min: number;
  readonly max: number;
}

export const DEFAULT_ACCEPTED_YEARS: YearRange = { min: 1900, max: 2100 };

/** The widest range the two variables may describe. */
export const CONFIGURABLE_YEARS: YearRange = { min: 1600, max: 9000 };

const year = (fallback: number) =>
  z.coerce
    .number()
    .int('måste vara ett heltal')
    .min(CONFIGURABLE_YEARS.min, `måste vara minst ${CONFIGURABLE_YEARS.min}`)
    .max(CONFIGURABLE_YEARS.max, `får vara högst ${CONFIGURABLE_YEARS.max}`)
    .default(fallback);

/** The two variables, for the api's configuration schema (which stops the process on a bad value). */
export const acceptedYearRangeVariables = {
  ACCEPTED_YEAR_MIN: year(DEFAULT_ACCEPTED_YEARS.min),
  ACCEPTED_YEAR_MAX: year(DEFAULT_ACCEPTED_YEARS.max),
};

/** The cross-field rule: the range is not empty. */
export function acceptedYearRangeProblem(min: number, max: number): string | null {
  return min <= max ? null : `ACCEPTED_YEAR_MIN (${min}) får inte vara större än ACCEPTED_YEAR_MAX (${max})`;
}

const schema = z.object(acceptedYearRangeVariables).superRefine((value, ctx) => {
  const problem = acceptedYearRangeProblem(value.ACCEPTED_YEAR_MIN, value.ACCEPTED_YEAR_MAX);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ACCEPTED_YEAR_MIN'], message: problem });
});

/** The range described by an environment; throws, naming the variable, when it is malformed. */
export function yearRangeFromEnv(env: Record<string, unknown>): YearRange {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RangeError(`Ogiltigt årsintervall: ${issues.join('; ')}`);
  }
  return { min: result.data.ACCEPTED_YEAR_MIN, max: result.data.ACCEPTED_YEAR_MAX };
}

let current: YearRange | undefined;

/** The process's range, read from its environment once (the first request's validation). */
export function acceptedYearRange(): YearRange {
  return (current ??= yearRangeFromEnv(process.env));
}
