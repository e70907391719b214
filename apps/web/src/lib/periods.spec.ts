import { currentIsoWeek, currentTertial, describeIsoWeek, shiftIsoWeek } from './periods';

describe('report periods in Europe/Stockholm', () => {
  it('finds the ISO week, also around new year', () => {
    expect(currentIsoWeek(new Date('2026-11-25T12:00:00Z'))).toBe('2026-W48');
    expect(currentIsoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  });
  it('moves between weeks across years', () => {
    expect(shiftIsoWeek('2026-W48', 1)).toBe('2026-W49');
    expect(shiftIsoWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftIsoWeek('2027-W01', -1)).toBe('2026-W53');
    expect(shiftIsoWeek('fel', 1)).toBe('fel');
  });
  it('describes a week in Swedish', () => {
    expect(describeIsoWeek('2026-W48')).toBe('Vecka 48, 23 november – 29 november 2026');
  });
  it('finds the tertial', () => {
    expect(currentTertial(new Date('2026-04-30T21:30:00Z'))).toEqual({ year: 2026, tertial: 1 });
    expect(currentTertial(new Date('2026-04-30T22:30:00Z'))).toEqual({ year: 2026, tertial: 2 });
    expect(currentTertial(new Date('2026-11-25T12:00:00Z'))).toEqual({ year: 2026, tertial: 3 });
  });
});
