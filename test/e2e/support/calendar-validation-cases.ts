/**
 * The refusals a meeting calendar document gets (the ledningsgrupp's `meeting-calendar`, the nämnd's
 * `board-meetings`: one document, one validation): [label, body, field, code].
 */
export const CALENDAR_VALIDATION_CASES: [string, object, string, string][] = [
  ['an impossible date', { meetings: [{ date: '2027-02-30' }] }, 'meetings[0].date', 'INVALID_DATE'],
  [
    'a duplicated date',
    { meetings: [{ date: '2027-03-04' }, { date: '2027-03-04', time: '13:00' }] },
    'meetings[1].date',
    'DUPLICATE_DATE',
  ],
  ['a bad time', { meetings: [{ date: '2027-03-04', time: '25:00' }] }, 'meetings[0].time', 'INVALID_TIME'],
  ['a date in the wrong format', { meetings: [{ date: '4/3/2027' }] }, 'meetings[0].date', 'INVALID_FORMAT'],
  [
    'too many meetings',
    {
      meetings: Array.from({ length: 201 }, (_, i) => ({
        date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      })),
    },
    'meetings',
    'TOO_LONG',
  ],
  ['no list', {}, 'meetings', 'REQUIRED'],
  [
    'an unknown field',
    { meetings: [{ date: '2027-03-04', room: 'A' }] },
    'meetings[0].room',
    'UNKNOWN_FIELD',
  ],
  [
    'a too long title',
    { meetings: [{ date: '2027-03-04', title: 'x'.repeat(201) }] },
    'meetings[0].title',
    'TOO_LONG',
  ],
];
