import { mayApproveReports, reportChoicesFor } from './report-approval';

describe('the reports a role approves (REP-1, DL-22, DL-23)', () => {
  it('gives the MAS the patientsäkerhetsberättelse only, and kvalitet and the director every report', () => {
    expect(reportChoicesFor(['mas']).map((c) => c.name)).toEqual(['patientsakerhetsberattelse']);
    for (const role of ['quality_coordinator', 'director'])
      expect(reportChoicesFor([role]).map((c) => c.name)).toEqual([
        'patientsakerhetsberattelse',
        'kvalitetsberattelse',
        'tertial',
        'annual',
      ]);
  });

  it('gives no one else a report to approve', () => {
    for (const role of ['staff', 'unit_manager', 'lex_sarah_investigator', 'management_team'])
      expect(mayApproveReports([role])).toBe(false);
  });

  it('reads the draft from the report the api composes now', () => {
    const [, , tertial] = reportChoicesFor(['director']);
    expect(tertial!.draftPath('2026-T3')).toBe('/api/v1/reports/tertial?year=2026&tertial=3');
  });
});
