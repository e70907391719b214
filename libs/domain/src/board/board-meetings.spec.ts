import { isoWeekdayOf } from '../calendar/local-date';
import { demoBoardMeetings, nextBoardMeetingAfter, type BoardMeeting } from './board-meetings';

// DL-6: the board_information deadline falls at the nämnd's next meeting after the report to IVO.
describe('nextBoardMeetingAfter (DL-6)', () => {
  const meetings: BoardMeeting[] = [
    { date: '2027-03-17', time: '13:00' },
    { date: '2027-01-20' },
    { date: '2027-02-17', title: 'Budget' },
  ];

  it('is the first meeting on a later Stockholm date, whatever the calendar order', () => {
    expect(nextBoardMeetingAfter(meetings, new Date('2027-01-21T10:00:00Z'))).toEqual({
      date: '2027-02-17',
      title: 'Budget',
    });
    expect(nextBoardMeetingAfter(meetings, new Date('2026-12-01T10:00:00Z'))?.date).toBe('2027-01-20');
  });

  it('does not count a meeting the same Stockholm day (its agenda was set before)', () => {
    expect(nextBoardMeetingAfter(meetings, new Date('2027-02-17T07:00:00Z'))?.date).toBe('2027-03-17');
    // The day before in Stockholm still counts it.
    expect(nextBoardMeetingAfter(meetings, new Date('2027-02-16T22:59:59Z'))?.date).toBe('2027-02-17');
  });

  it('takes the day in Stockholm, not UTC (23:30 UTC is already the next day)', () => {
    // 2027-02-16T23:30Z is 00:30 on the 17th in Stockholm: the meeting that day no longer counts.
    expect(nextBoardMeetingAfter(meetings, new Date('2027-02-16T23:30:00Z'))?.date).toBe('2027-03-17');
    // Summer time: 22:30 UTC on 2027-06-15 is 00:30 on the 16th.
    const summer: BoardMeeting[] = [{ date: '2027-06-16' }, { date: '2027-08-18' }];
    expect(nextBoardMeetingAfter(summer, new Date('2027-06-15T21:30:00Z'))?.date).toBe('2027-06-16');
    expect(nextBoardMeetingAfter(summer, new Date('2027-06-15T22:30:00Z'))?.date).toBe('2027-08-18');
  });

  it('is null without a later meeting', () => {
    expect(nextBoardMeetingAfter(meetings, new Date('2027-03-17T12:00:00Z'))).toBeNull();
    expect(nextBoardMeetingAfter([], new Date('2027-03-17T12:00:00Z'))).toBeNull();
  });
});

describe('demoBoardMeetings', () => {
  it('has a meeting on the third Wednesday of each month but July, 2026 and 2027 at least', () => {
    const meetings = demoBoardMeetings(new Date('2026-12-07T09:00:00Z'));
    expect(meetings).toHaveLength(22);
    for (const m of meetings) {
      expect(isoWeekdayOf(m.date)).toBe(3);
      const day = Number(m.date.slice(8));
      expect(day).toBeGreaterThanOrEqual(15);
      expect(day).toBeLessThanOrEqual(21);
      expect(m.date.slice(5, 7)).not.toBe('07');
      expect(m).toMatchObject({ time: '13:00', title: 'Socialnämndens sammanträde' });
    }
    expect(meetings.slice(0, 3).map((m) => m.date)).toEqual(['2026-01-21', '2026-02-18', '2026-03-18']);
    expect(meetings.map((m) => m.date)).toContain('2026-12-16');
  });

  it('grows with the years and keeps the earlier ones, so the demo always has a next meeting', () => {
    const later = demoBoardMeetings(new Date('2031-05-01T09:00:00Z'));
    expect(later).toHaveLength(11 * 7);
    expect(later.slice(0, 22)).toEqual(demoBoardMeetings(new Date('2026-12-07T09:00:00Z')));
    expect(nextBoardMeetingAfter(later, new Date('2031-12-31T12:00:00Z'))?.date).toBe('2032-01-21');
  });
});
