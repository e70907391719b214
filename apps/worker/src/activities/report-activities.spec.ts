import { reportRecipientsFromEnv } from './report-activities';

describe('reportRecipientsFromEnv', () => {
  it('gives the default recipients of every report kind when nothing is set', () => {
    const recipients = reportRecipientsFromEnv({});
    expect(recipients.weekly_digest).toEqual(['ledning', 'forvaltningschef']);
    expect(recipients.patientsakerhetsberattelse).toEqual(['mas', 'kvalitet']);
  });

  it('REPORT_RECIPIENTS_<KIND> replaces that kind only (comma-separated, blanks dropped)', () => {
    const recipients = reportRecipientsFromEnv({
      REPORT_RECIPIENTS_WEEKLY_DIGEST: ' anna , ,ledning@example.se ',
    });
    expect(recipients.weekly_digest).toEqual(['anna', 'ledning@example.se']);
    expect(recipients.annual_report).toEqual(['forvaltningschef', 'kvalitet']);
  });
});
