import { validateConfig } from '@kvalitet/runtime';
import { apiConfigSchema } from '../../config/api-config.schema';
import { DEFAULT_ACCEPTED_YEARS, yearRangeFromEnv } from './accepted-year-range';

const BASE_ENV = {
  DATABASE_URL: 'postgres://x@localhost/db',
  TEMPORAL_ADDRESS: 'localhost:7233',
  KAFKA_BROKERS: 'localhost:9092',
  AUTH_MODE: 'dev',
};

describe('accepted year range (ACCEPTED_YEAR_MIN / ACCEPTED_YEAR_MAX)', () => {
  it('is 1900–2100 when nothing is set', () => {
    expect(DEFAULT_ACCEPTED_YEARS).toEqual({ min: 1900, max: 2100 });
    expect(yearRangeFromEnv({})).toEqual({ min: 1900, max: 2100 });
  });

  it('takes either end from the environment', () => {
    expect(yearRangeFromEnv({ ACCEPTED_YEAR_MIN: '2000' })).toEqual({ min: 2000, max: 2100 });
    expect(yearRangeFromEnv({ ACCEPTED_YEAR_MIN: '1800', ACCEPTED_YEAR_MAX: '2200' })).toEqual({
      min: 1800,
      max: 2200,
    });
    expect(yearRangeFromEnv({ ACCEPTED_YEAR_MIN: '1600', ACCEPTED_YEAR_MAX: '9000' })).toEqual({
      min: 1600,
      max: 9000,
    });
    expect(yearRangeFromEnv({ ACCEPTED_YEAR_MIN: '2026', ACCEPTED_YEAR_MAX: '2026' })).toEqual({
      min: 2026,
      max: 2026,
    });
  });

  it.each([
    [{ ACCEPTED_YEAR_MIN: 'nittonhundra' }, /ACCEPTED_YEAR_MIN/],
    [{ ACCEPTED_YEAR_MIN: '1900.5' }, /ACCEPTED_YEAR_MIN: måste vara ett heltal/],
    [{ ACCEPTED_YEAR_MIN: '1599' }, /ACCEPTED_YEAR_MIN: måste vara minst 1600/],
    [{ ACCEPTED_YEAR_MAX: '9999' }, /ACCEPTED_YEAR_MAX: får vara högst 9000/],
    [{ ACCEPTED_YEAR_MIN: '2101' }, /får inte vara större än ACCEPTED_YEAR_MAX \(2100\)/],
  ])('refuses %j', (env, message) => {
    expect(() => yearRangeFromEnv(env)).toThrow(message);
  });

  it('is part of the api configuration, which stops the process naming a bad value', () => {
    const config = validateConfig(apiConfigSchema, BASE_ENV);
    expect([config.ACCEPTED_YEAR_MIN, config.ACCEPTED_YEAR_MAX]).toEqual([1900, 2100]);
    expect(
      validateConfig(apiConfigSchema, { ...BASE_ENV, ACCEPTED_YEAR_MAX: '2050' }).ACCEPTED_YEAR_MAX,
    ).toBe(2050);
    expect(() => validateConfig(apiConfigSchema, { ...BASE_ENV, ACCEPTED_YEAR_MAX: 'x' })).toThrow(
      /ACCEPTED_YEAR_MAX/,
    );
    expect(() =>
      validateConfig(apiConfigSchema, { ...BASE_ENV, ACCEPTED_YEAR_MIN: '2200', ACCEPTED_YEAR_MAX: '2100' }),
    ).toThrow(
      /ACCEPTED_YEAR_MIN: ACCEPTED_YEAR_MIN \(2200\) får inte vara större än ACCEPTED_YEAR_MAX \(2100\)/,
    );
  });
});
