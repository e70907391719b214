import {
  composeBerattelse,
  composeWeeklyDigest,
  monthlyCountsOf,
  statisticsFactOf,
  weeklyDigestDocument,
  type StatisticsCaseFact,
} from '@kvalitet/domain';
import {
  FIXTURE_AS_OF,
  FIXTURE_CASES,
  FIXTURE_ORGANISATION,
  FIXTURE_PERSONAL_STRINGS,
  FIXTURE_UNITS,
} from '../../libs/domain/src/reports/fixtures/report-fixture';
import { pdfText } from '../../libs/reporting/test/pdf-text';
import { pdfSafe, renderReportPdf } from '@kvalitet/reporting';

const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events)).filter(
  (f): f is StatisticsCaseFact => f !== null,
);
const ctx = { organisation: FIXTURE_ORGANISATION, units: FIXTURE_UNITS, generatedAt: FIXTURE_AS_OF };

describe('renderReportPdf (PDF rendered, then its text extracted with unpdf)', () => {
  it('renders the weekly digest with organisation, period, generation time, figures and case lines', async () => {
    const digest = composeWeeklyDigest(facts, '2026-W48', FIXTURE_AS_OF);
    const pdf = await renderReportPdf(weeklyDigestDocument(digest, ctx));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = pdfText(pdf);
    expect(text).toContain('Exempelkommun, socialnämnden');
    expect(text).toContain('Veckosammanställning till ledningsgruppen, vecka 48 2026');
    expect(text).toContain('Period: 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(text).toContain('Skapad: 2026-11-30 07:00');
    expect(text).toContain('Särskilt boende Solgården');
    expect(text).toContain('KL-2026-0002');
    expect(text).toMatch(/Inkomna 5 2 \+3/);
  });

  it('renders a berättelse with the analysis marked, and no personal data in any PDF', async () => {
    for (const kind of ['patientsakerhetsberattelse', 'kvalitetsberattelse'] as const) {
      const doc = composeBerattelse(kind, 2026, facts, monthlyCountsOf(facts), {
        ...ctx,
        asOf: FIXTURE_AS_OF,
      }).document;
      const { text, pages } = pdfText(await renderReportPdf(doc));
      expect(pages).toBeGreaterThan(1);
      expect(text).toContain('ANALYS SKRIVS AV ANSVARIG');
      expect(text).toContain(
        kind === 'patientsakerhetsberattelse'
          ? 'Patientsäkerhetsberättelse 2026 (utkast)'
          : 'Kvalitetsberättelse 2026 (utkast)',
      );
      expect(text).toContain(`sida 1 av ${pages}`);
      for (const personal of FIXTURE_PERSONAL_STRINGS) {
        const found = /^[a-z]+$/.test(personal)
          ? new RegExp(`\\b${personal}\\b`).test(text)
          : text.includes(personal);
        if (found) throw new Error(`${kind}: "${personal}" förekommer i PDF:en`);
      }
    }
  });

  it('keeps Swedish letters and replaces what the standard fonts cannot show', () => {
    expect(pdfSafe('Rapport → återkoppling, åäö ÅÄÖ é – …')).toBe('Rapport -> återkoppling, åäö ÅÄÖ é – …');
    expect(pdfSafe('emoji 🙂')).toBe('emoji ??');
  });
});
