import { describeDuration } from './describe-duration';

describe('describeDuration', () => {
  it.each([
    ['PT24H', '24 timmar'],
    ['PT4H', '4 timmar'],
    ['PT1H', '1 timme'],
    ['P14D', '14 dagar'],
    ['P1D', '1 dag'],
    ['P7D', '7 dagar'],
    ['P2W', '2 veckor'],
    ['P1W', '1 vecka'],
    ['P1M', '1 månad'],
    ['P3M', '3 månader'],
    ['P1Y', '1 år'],
    ['P2Y', '2 år'],
    ['PT30M', '30 minuter'],
    ['PT1M', '1 minut'],
    ['PT10S', '10 sekunder'],
    ['PT1S', '1 sekund'],
    ['PT0.5S', '0,5 sekunder'],
    ['P1DT12H', '1 dag och 12 timmar'],
    ['P1Y2M3D', '1 år, 2 månader och 3 dagar'],
    ['PT0S', '0 sekunder'],
    ['-P2D', 'minus 2 dagar'],
    ['PT72H', '72 timmar'],
  ])('%s → %s', (input, expected) => {
    expect(describeDuration(input)).toBe(expected);
  });

  it('describes working days', () => {
    expect(describeDuration({ workingDays: 3 })).toBe('3 arbetsdagar');
    expect(describeDuration({ workingDays: 1 })).toBe('1 arbetsdag');
    expect(describeDuration({ workingDays: 10000 })).toBe('10000 arbetsdagar');
  });

  it('returns unparseable input unchanged', () => {
    expect(describeDuration('soon')).toBe('soon');
  });
});
