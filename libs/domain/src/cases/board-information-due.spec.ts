import { boardInformationDueAt } from './board-information-due';

// DL-6: the nämnd is informed "på kommande sammanträde" after the IVO notification.
describe('boardInformationDueAt', () => {
  const meetings = [{ date: '2026-12-16' }, { date: '2027-01-20' }];

  it('is the end of the Stockholm day of the next meeting', () => {
    expect(boardInformationDueAt(meetings, new Date('2026-12-07T09:00:00Z')).toISOString()).toBe(
      '2026-12-16T23:00:00.000Z',
    );
  });

  it('skips a meeting the same day and takes the next one', () => {
    expect(boardInformationDueAt(meetings, new Date('2026-12-16T08:00:00Z')).toISOString()).toBe(
      '2027-01-20T23:00:00.000Z',
    );
  });

  it('falls back to the end of the day 30 days on when the calendar has no later meeting', () => {
    // 2027-06-01 (summer time) + 30 days = 2027-07-01, ending 2027-07-01T22:00Z.
    expect(boardInformationDueAt(meetings, new Date('2027-06-01T10:00:00Z')).toISOString()).toBe(
      '2027-07-01T22:00:00.000Z',
    );
  });
});
