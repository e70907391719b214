import { formatDateTimeInWords } from './format';

describe('a date and time in words (issue 21: no technical formats shown to people)', () => {
  it('writes the Stockholm day, month name, year and clock', () => {
    expect(formatDateTimeInWords('2026-12-10T19:26:00Z')).toBe('10 december 2026 kl. 20:26');
    expect(formatDateTimeInWords('2026-03-01T08:05:00+01:00')).toBe('1 mars 2026 kl. 08:05');
    // Summer time: UTC+2.
    expect(formatDateTimeInWords('2026-07-01T22:30:00Z')).toBe('2 juli 2026 kl. 00:30');
  });
  it('is empty for nothing or a value that is no time', () => {
    expect(formatDateTimeInWords(null)).toBe('');
    expect(formatDateTimeInWords('i morgon')).toBe('');
  });
});
