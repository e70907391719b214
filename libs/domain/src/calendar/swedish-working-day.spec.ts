import { isSwedishWorkingDay } from './swedish-working-day';

describe('isSwedishWorkingDay', () => {
  it.each([
    ['2026-04-02', true], // skärtorsdag is a normal working day
    ['2026-04-03', false], // långfredagen
    ['2026-04-06', false], // annandag påsk
    ['2026-04-07', true],
    ['2026-05-01', false], // första maj (Friday)
    ['2026-05-14', false], // Kristi himmelsfärdsdag
    ['2026-05-15', true], // klämdag, still a working day
    ['2026-06-19', false], // midsommarafton (de facto)
    ['2026-12-24', false], // julafton (de facto)
    ['2026-12-31', false], // nyårsafton (de facto)
    ['2026-12-28', true],
    ['2026-01-06', false], // trettondedag jul
    ['2027-01-01', false],
    ['2026-06-06', false], // Saturday and nationaldag
    ['2027-06-07', true], // nationaldag 2027 is a Sunday; Monday is not a substitute holiday
    ['2026-11-21', false], // Saturday
    ['2026-11-22', false], // Sunday
    ['2026-11-23', true], // Monday
  ])('%s → %p', (date, expected) => {
    expect(isSwedishWorkingDay(date)).toBe(expected);
  });

  it('counts 251 working days in 2026', () => {
    let count = 0;
    const d = new Date(Date.UTC(2026, 0, 1));
    while (d.getUTCFullYear() === 2026) {
      if (isSwedishWorkingDay(d.toISOString().slice(0, 10))) count++;
      d.setUTCDate(d.getUTCDate() + 1);
    }
    // 261 weekdays − 10 falling on a weekday: 1/1, 6/1, 3/4, 6/4, 1/5, 14/5, 19/6, 24/12, 25/12, 31/12
    expect(count).toBe(251);
  });

  it('refuses malformed dates', () => {
    expect(() => isSwedishWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});
