import { fromDraft, moveItem, toDraft } from './policy-form';

describe('deadline policy editor', () => {
  it.each([
    ['PT24H', { unit: 'hours', amount: '24' }],
    ['P14D', { unit: 'days', amount: '14' }],
    [{ workingDays: 3 }, { unit: 'working_days', amount: '3' }],
    ['PT10S', { unit: 'iso', amount: 'PT10S' }],
    ['P1DT12H', { unit: 'iso', amount: 'P1DT12H' }],
  ] as const)('round-trips %j', (duration, draft) => {
    expect(toDraft(duration)).toEqual(draft);
    expect(fromDraft(draft)).toEqual(duration);
  });

  it('passes a non-number of working days on for the api to refuse', () => {
    expect(fromDraft({ unit: 'working_days', amount: 'tre' })).toEqual({ workingDays: 'tre' });
  });

  it('moves escalation steps, staying inside the list', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
