import { T0 } from '../test-support';
import {
  checkDateOrDateTime,
  checkDateTime,
  checkNotInFuture,
  checkRequiredText,
  isDate,
  normalisedTimestamp,
  parseDateTime,
} from './validation';

describe('validation', () => {
  it.each([
    '2026-11-20T14:05:00+01:00',
    '2026-11-20T14:05+01:00',
    '2026-11-20T13:05:00.123Z',
    '2024-02-29T10:00:00Z',
  ])('accepts the date-time %s', (value) => expect(parseDateTime(value)).not.toBeNull());

  it.each([
    '2026-11-20',
    '2026-11-20T14:05:00',
    '2026-02-29T10:00:00Z',
    '2026-13-01T00:00Z',
    '2026-11-20T24:00Z',
    'Nov 20 2026',
    42,
  ])('rejects the date-time %s', (value) => expect(parseDateTime(value)).toBeNull());

  it('accepts calendar dates only when they exist', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-04-31')).toBe(false);
  });

  it('normalises date-times to UTC and keeps dates', () => {
    expect(normalisedTimestamp('2026-11-20T16:00:00+01:00')).toBe('2026-11-20T15:00:00.000Z');
    expect(normalisedTimestamp('2026-11-20')).toBe('2026-11-20');
  });

  it('refuses blank text with a field-derived reason and a Swedish message', () => {
    expect(checkRequiredText('  ', 'ivoReference', 'IVO:s diarienummer')).toEqual({
      code: 'VALIDATION_FAILED',
      reason: 'IVO_REFERENCE_REQUIRED',
      message: 'IVO:s diarienummer måste anges.',
      field: 'ivoReference',
    });
    expect(checkRequiredText(undefined, 'summary', 'sammanfattning')?.message).toBe(
      'Sammanfattning måste anges.',
    );
    expect(checkRequiredText('ok', 'summary', 'sammanfattning')).toBeNull();
  });

  it('tells a missing timestamp from a malformed one', () => {
    expect(checkDateTime(undefined, 'dueAt', 'slutdatum')?.reason).toBe('DUE_AT_REQUIRED');
    expect(checkDateTime('tomorrow', 'dueAt', 'slutdatum')?.reason).toBe('DUE_AT_INVALID');
    expect(checkDateOrDateTime('2026-11-20', 'occurredAt', 'tidpunkt')).toBeNull();
  });

  it('allows a few minutes of clock skew into the future', () => {
    expect(checkNotInFuture('2026-11-20T15:04:00Z', 'reportedAt', 'tidpunkt', T0)).toBeNull();
    expect(checkNotInFuture('2026-11-20T15:06:00Z', 'reportedAt', 'tidpunkt', T0)?.reason).toBe(
      'REPORTED_AT_IN_FUTURE',
    );
  });
});
