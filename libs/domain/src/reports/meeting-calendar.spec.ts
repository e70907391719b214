import {
  meetingCalendarErrors,
  meetingReportInstants,
  meetingReportScheduleSpec,
  normaliseMeetingCalendar,
  reportScheduleId,
} from './meeting-calendar';

describe('meeting calendar (DL-18)', () => {
  it('builds one calendar spec per meeting at 07:00 Stockholm, sorted and de-duplicated', () => {
    expect(meetingReportScheduleSpec(['2027-06-10', '2027-01-14', '2027-01-14'])).toEqual({
      calendars: [
        {
          year: 2027,
          month: 'JANUARY',
          dayOfMonth: 14,
          hour: 7,
          minute: 0,
          comment: 'Ledningsgruppens möte 2027-01-14',
        },
        {
          year: 2027,
          month: 'JUNE',
          dayOfMonth: 10,
          hour: 7,
          minute: 0,
          comment: 'Ledningsgruppens möte 2027-06-10',
        },
      ],
      timezone: 'Europe/Stockholm',
    });
  });

  it('falls back to every Thursday without dates', () => {
    expect(meetingReportScheduleSpec([]).calendars).toEqual([
      { dayOfWeek: 'THURSDAY', hour: 7, comment: 'Ledningsgruppens möte (standard: torsdagar)' },
    ]);
  });

  it('refuses an impossible date when building', () => {
    expect(() => meetingReportScheduleSpec(['2027-02-30'])).toThrow(RangeError);
  });

  it('gives the report instants in Stockholm time, summer and winter', () => {
    expect(meetingReportInstants(['2027-06-10', '2027-01-14'])).toEqual([
      '2027-01-14T06:00:00.000Z',
      '2027-06-10T05:00:00.000Z',
    ]);
  });

  it('names impossible dates, bad times and duplicates with stable codes', () => {
    expect(
      meetingCalendarErrors([
        { date: '2027-01-14' },
        { date: '2027-02-30' },
        { date: '2027-01-14', time: '24:00' },
        { date: '1999-01-01', time: '09:30' },
      ]),
    ).toEqual([
      expect.objectContaining({ field: 'meetings[1].date', code: 'INVALID_DATE' }),
      expect.objectContaining({ field: 'meetings[2].date', code: 'DUPLICATE_DATE' }),
      expect.objectContaining({ field: 'meetings[2].time', code: 'INVALID_TIME' }),
      expect.objectContaining({ field: 'meetings[3].date', code: 'INVALID_DATE' }),
    ]);
    expect(meetingCalendarErrors([{ date: '2028-02-29', time: '23:59' }])).toEqual([]);
  });

  it('sorts by date and drops blank titles', () => {
    expect(
      normaliseMeetingCalendar([
        { date: '2027-03-01', title: '  ' },
        { date: '2027-01-01', time: '09:00', title: ' Budget ' },
      ]),
    ).toEqual([{ date: '2027-01-01', time: '09:00', title: 'Budget' }, { date: '2027-03-01' }]);
  });

  it('names the schedule like the schedule CLI does', () => {
    expect(reportScheduleId('kvalitet-report', 'meeting_report')).toBe('kvalitet-report-meeting-report');
  });
});
