import { fromDraft, moveItem, toDraft, withUnit } from './policy-form';

describe('deadline policy editor: durations as a number and a Swedish unit (issue 21)', () => {
  it.each([
    ['PT24H', { unit: 'hours', amount: '24' }],
    ['P14D', { unit: 'days', amount: '14' }],
    ['P2W', { unit: 'weeks', amount: '2' }],
    ['P6M', { unit: 'months', amount: '6' }],
    ['P1Y', { unit: 'years', amount: '1' }],
    ['PT30M', { unit: 'minutes', amount: '30' }],
    ['PT10S', { unit: 'seconds', amount: '10' }],
    [{ workingDays: 3 }, { unit: 'working_days', amount: '3' }],
  ] as const)('round-trips %j', (duration, draft) => {
    expect(toDraft(duration)).toEqual(draft);
    expect(fromDraft(draft)).toEqual(duration);
  });

  it('says a mixed duration in its finest unit', () => {
    expect(toDraft('P1DT12H')).toEqual({ unit: 'hours', amount: '36' });
    expect(toDraft('PT1H30M')).toEqual({ unit: 'minutes', amount: '90' });
    expect(toDraft('P1Y6M')).toEqual({ unit: 'months', amount: '18' });
  });

  it('keeps what one unit cannot say as it is, until a unit is chosen', () => {
    const draft = toDraft('P1M2D');
    expect(draft).toEqual({ unit: 'other', amount: '', original: 'P1M2D' });
    expect(fromDraft(draft)).toBe('P1M2D');
    expect(fromDraft(withUnit(draft, 'days'))).toBe('P1D');
  });

  it('keeps the number when only the unit changes', () => {
    expect(fromDraft(withUnit({ unit: 'hours', amount: '24' }, 'working_days'))).toEqual({ workingDays: 24 });
  });

  it('passes a non-number of working days on for the api to refuse', () => {
    expect(fromDraft({ unit: 'working_days', amount: 'tre' })).toEqual({ workingDays: 'tre' });
  });

  it('moves escalation steps, staying inside the list', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
