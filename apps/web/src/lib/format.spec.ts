import {
  describeDue,
  formatDate,
  formatDateTime,
  lastDayToIso,
  localInputToIso,
  nowAsLocalInput,
  stockholmDay,
  todayInStockholm,
} from './format';

describe('Swedish formatting', () => {
  it('shows instants in Swedish time, winter and summer', () => {
    expect(formatDateTime('2026-11-20T13:05:00.000Z')).toBe('2026-11-20 14:05');
    expect(formatDateTime('2026-07-01T10:00:00Z')).toBe('2026-07-01 12:00');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(formatDateTime('2026-11-20')).toBe('2026-11-20');
    expect(formatDateTime(null)).toBe('');
  });

  it('describes due dates in plain Swedish, overdue first', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(describeDue('2026-11-25T15:00:00Z', now)).toBe('om 3 timmar');
    expect(describeDue('2026-11-25T12:01:00Z', now)).toBe('om 1 minut');
    expect(describeDue('2026-11-28T11:00:00Z', now, true)).toBe('om 71 timmar');
    expect(describeDue('2026-11-30T12:00:00Z', now)).toBe('om 5 dagar');
    expect(describeDue('2026-11-20T12:00:00Z', now)).toBe('försenad 5 dagar');
    expect(describeDue('2026-11-25T11:40:00Z', now)).toBe('försenad 20 minuter');
  });

  it('turns a datetime-local value into ISO with the Stockholm offset', () => {
    expect(localInputToIso('2026-11-20T14:05')).toBe('2026-11-20T14:05:00+01:00');
    expect(localInputToIso('2026-06-20T09:30')).toBe('2026-06-20T09:30:00+02:00');
    expect(localInputToIso('20/11/2026')).toBeNull();
  });

  it('gives now as a datetime-local value in Swedish time', () => {
    expect(nowAsLocalInput(new Date('2026-11-25T12:34:56Z'))).toBe('2026-11-25T13:34');
  });
});

describe('lastDayToIso', () => {
  it('makes a typed last day due at its end in Stockholm, winter and summer', () => {
    expect(lastDayToIso('2026-12-31')).toBe('2026-12-31T23:59:00+01:00');
    expect(lastDayToIso(' 2026-06-30 ')).toBe('2026-06-30T23:59:00+02:00');
  });

  it('passes anything else on as typed, for the api to refuse at the field', () => {
    expect(lastDayToIso('30 juni')).toBe('30 juni');
    expect(lastDayToIso('')).toBe('');
  });
});

describe('stockholmDay', () => {
  it('gives the Stockholm calendar day, also when UTC is still on the day before', () => {
    const lateUtc = new Date('2026-12-31T23:30:00Z');
    expect(todayInStockholm(lateUtc)).toBe('2027-01-01');
    expect(stockholmDay(30, new Date('2026-06-01T10:00:00Z'))).toBe('2026-07-01');
  });
});
