import {
  analysisPrompts,
  approvedDocument,
  draftContent,
  narrativeProblems,
  parseApprovableReport,
} from './report-approval';
import type { ReportDocument } from './report-document';

const draft: ReportDocument = {
  kind: 'patientsakerhetsberattelse',
  title: 'Patientsäkerhetsberättelse 2026',
  organisation: 'Exempelkommun',
  periodLabel: 'Kalenderåret 2026',
  from: '2025-12-31T23:00:00.000Z',
  to: '2026-12-31T23:00:00.000Z',
  generatedAt: '2027-01-15T06:00:00.000Z',
  status: 'draft',
  sections: [
    {
      id: 'egenkontroll',
      title: 'Egenkontroll',
      blocks: [
        { kind: 'paragraph', text: '3 planerade egenkontroller.' },
        { kind: 'analysis', prompt: 'Redovisa årets egenkontroller.' },
        { kind: 'analysis', prompt: 'Vad ska bli bättre?' },
      ],
    },
    { id: 'mal', title: 'Mål', blocks: [{ kind: 'analysis', prompt: 'Ange målen.' }] },
  ],
};

describe('approving a report (REP-1, DATA-6)', () => {
  it('knows the approvable reports and their periods, and says what is wrong in Swedish', () => {
    expect(parseApprovableReport('patientsakerhetsberattelse', '2026')).toMatchObject({
      kind: 'patientsakerhetsberattelse',
      year: 2026,
      periodKey: 'patientsakerhetsberattelse:2026',
      label: 'Patientsäkerhetsberättelse 2026',
    });
    expect(parseApprovableReport('tertial', '2026-T3')).toMatchObject({
      kind: 'tertial_report',
      tertial: 3,
      periodKey: 'tertial_report:2026-T3',
    });
    expect(parseApprovableReport('tertial', '2026')).toMatchObject({
      field: 'period',
      code: 'INVALID_FORMAT',
    });
    expect(parseApprovableReport('annual', '1999')).toMatchObject({ field: 'period' });
    expect(parseApprovableReport('weekly_digest', '2026')).toMatchObject({
      field: 'kind',
      code: 'INVALID_ENUM',
    });
    expect(parseApprovableReport('toString', '2026')).toMatchObject({ field: 'kind' });
  });

  it('names every place a person writes, a section’s later prompts numbered', () => {
    expect(analysisPrompts(draft).map((p) => p.id)).toEqual(['egenkontroll', 'egenkontroll-2', 'mal']);
    expect(narrativeProblems(draft, { okand: 'x' })).toMatchObject([
      { field: 'narratives.okand', code: 'UNKNOWN_PROMPT' },
    ]);
    expect(narrativeProblems(draft, { mal: 'x'.repeat(20_001) })).toMatchObject([{ code: 'TOO_LONG' }]);
    expect(narrativeProblems(draft, { mal: 'Färre fall.' })).toEqual([]);
  });

  it('puts the written text in place of its prompt, keeps an unwritten one marked, and says who approved it', () => {
    const approved = approvedDocument(
      draft,
      { egenkontroll: 'Första stycket.\n\nAndra stycket.', mal: '   ' },
      { version: 2, approvedByName: 'Lena Ström', approvedAt: '2027-02-20T09:30:00.000Z' },
    );
    expect(approved.status).toBe('final');
    expect(approved.sections[0]).toMatchObject({
      id: 'godkannande',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Version', value: '2' },
            { label: 'Godkänd av', value: 'Lena Ström' },
            { label: 'Godkänd', value: '2027-02-20 10:30' },
          ],
        },
      ],
    });
    expect(approved.sections[1]!.blocks).toEqual([
      { kind: 'paragraph', text: '3 planerade egenkontroller.' },
      { kind: 'paragraph', text: 'Första stycket.' },
      { kind: 'paragraph', text: 'Andra stycket.' },
      { kind: 'analysis', prompt: 'Vad ska bli bättre?' },
    ]);
    expect(approved.sections[2]!.blocks).toEqual([{ kind: 'analysis', prompt: 'Ange målen.' }]);
  });

  it('compares drafts by what they say, not by when they were computed', () => {
    const later = { ...draft, generatedAt: '2027-01-16T06:00:00.000Z' };
    const data = { year: 2026, asOf: '2027-01-15T06:00:00.000Z', totals: { reported: 4 } };
    expect(draftContent({ data, document: draft }, {})).toBe(
      draftContent({ data: { ...data, asOf: '2027-01-16T06:00:00.000Z' }, document: later }, { mal: ' ' }),
    );
    expect(draftContent({ data, document: draft }, {})).not.toBe(
      draftContent({ data: { ...data, totals: { reported: 5 } }, document: draft }, {}),
    );
    expect(draftContent({ data, document: draft }, {})).not.toBe(
      draftContent({ data, document: draft }, { mal: 'Färre fall.' }),
    );
  });
});
