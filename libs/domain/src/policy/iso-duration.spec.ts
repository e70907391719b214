import { approximateDurationMs, isZeroDuration, parseIsoDuration } from './iso-duration';

const zero = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseIsoDuration', () => {
  it.each([
    ['PT24H', { hours: 24 }],
    ['PT4H', { hours: 4 }],
    ['P14D', { days: 14 }],
    ['P7D', { days: 7 }],
    ['PT10S', { seconds: 10 }],
    ['P2W', { weeks: 2 }],
    ['P1M', { months: 1 }],
    ['PT1M', { minutes: 1 }],
    ['P1Y2M3W4DT5H6M7S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['PT0.5S', { seconds: 0.5 }],
    ['PT1,25S', { seconds: 1.25 }],
    ['PT1M30.5S', { minutes: 1, seconds: 30.5 }],
    ['PT0S', {}],
    ['-P1D', { sign: -1, days: 1 }],
    ['+PT1H', { hours: 1 }],
  ])('%s', (input, expected) => {
    expect(parseIsoDuration(input)).toEqual({ ...zero, ...expected });
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '24H',
    'PT24',
    'pt24h',
    'P1.5D',
    'PT1.5H',
    'PT1.5M',
    'PT1.5H30M',
    'PT.5S',
    'PT1.S',
    'P1H',
    'PT1D',
    'P1D2Y',
    'PT1S2M',
    'P 1D',
    ' P1D',
    'P1D ',
    'P-1D',
    'P1W1W',
    'P99999999999999999999D',
  ])('rejects %p', (input) => {
    expect(parseIsoDuration(input)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseIsoDuration(42 as unknown as string)).toBeNull();
  });

  it('detects zero durations', () => {
    expect(isZeroDuration(parseIsoDuration('PT0S')!)).toBe(true);
    expect(isZeroDuration(parseIsoDuration('P0Y0M0DT0H')!)).toBe(true);
    expect(isZeroDuration(parseIsoDuration('PT0.001S')!)).toBe(false);
  });

  it('approximates lengths for ordering', () => {
    expect(approximateDurationMs(parseIsoDuration('PT24H')!)).toBe(86_400_000);
    expect(approximateDurationMs(parseIsoDuration('P1W')!)).toBe(7 * 86_400_000);
    expect(approximateDurationMs(parseIsoDuration('-P1D')!)).toBe(-86_400_000);
  });
});
