import { emptyDraft, fromDrafts, listError, rowError, toDrafts } from './meeting-calendar-form';

describe('meeting calendar editor', () => {
  it('round-trips the calendar and leaves blank time and title out', () => {
    const drafts = toDrafts([{ date: '2027-01-14', time: '09:00', title: 'Budget' }, { date: '2027-02-11' }]);
    expect(drafts.map((d) => [d.date, d.time, d.title])).toEqual([
      ['2027-01-14', '09:00', 'Budget'],
      ['2027-02-11', '', ''],
    ]);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
    expect(fromDrafts([...drafts, { ...emptyDraft(), date: ' 2027-03-11 ', title: '  ' }], 4)).toEqual({
      version: 4,
      meetings: [
        { date: '2027-01-14', time: '09:00', title: 'Budget' },
        { date: '2027-02-11' },
        { date: '2027-03-11' },
      ],
    });
  });

  it('puts the api field errors on the right row and field', () => {
    const errors = [
      {
        field: 'meetings[1].date',
        code: 'DUPLICATE_DATE',
        message: 'Datumet 2027-01-14 finns redan i kalendern (rad 1); ett möte per dag.',
      },
      {
        field: 'meetings[0].time',
        code: 'INVALID_FORMAT',
        message: 'Fältet meetings[0].time har fel format.',
      },
      { field: 'meetings', code: 'TOO_LONG', message: 'Listan meetings får ha högst 200 element.' },
    ];
    expect(rowError(errors, 1, 'date')).toMatch(/finns redan/);
    expect(rowError(errors, 0, 'time')).toBe('Fältet har fel format.');
    expect(rowError(errors, 0, 'date')).toBeUndefined();
    expect(listError(errors)).toBe('Listan får ha högst 200 element.');
  });
});
