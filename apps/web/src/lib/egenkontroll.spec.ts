import { longDate, occurrenceLabel, taskTarget } from './egenkontroll';

describe('egenkontroll in plain Swedish (EK-1, EK-3)', () => {
  it.each([
    ['2026', 'Helår 2026'],
    ['2026-H1', 'Halvår 1 2026'],
    ['2026-T2', 'Tertial 2 2026'],
    ['2026-Q3', 'Kvartal 3 2026'],
    ['2026-M04', 'April 2026'],
    ['2026-M12', 'December 2026'],
  ])('occurrence %s reads "%s"', (key, label) => {
    expect(occurrenceLabel(key)).toBe(label);
  });

  it('shows a due instant as the last day of its period, and a date as itself', () => {
    // The first quarter is due at Stockholm midnight 1 April: its last day is 31 March.
    expect(longDate('2026-03-31T22:00:00.000Z', true)).toBe('31 mars 2026');
    expect(longDate('2026-05-01')).toBe('1 maj 2026');
  });

  it('finds the control or action an inbox task is about', () => {
    expect(taskTarget('control/0b5e/2026-Q1')).toEqual({ kind: 'control', id: '0b5e' });
    expect(taskTarget('action/77aa')).toEqual({ kind: 'action', id: '77aa' });
    expect(taskTarget('report/2026')).toBeNull();
  });
});
