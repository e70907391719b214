import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tertialRange, yearRange } from '../calendar/period-range';
import {
  DEFAULT_CLASSIFICATION_VOCABULARY,
  withClassificationCodes,
} from '../classifications/classifications';
import { composeBerattelse } from './berattelse';
import {
  FIXTURE_CASES,
  FIXTURE_ORGANISATION,
  FIXTURE_PERSONAL_STRINGS,
  FIXTURE_UNITS,
} from './fixtures/report-fixture';
import { REGISTER_FIXTURE_AS_OF, registerFixture } from './fixtures/register-fixture';
import { composePeriodReport, monthlyCountsOf } from './period-report';
import { type ReportDocument } from './report-document';
import { periodReportDocument } from './report-documents';
import { MISSING_TEXT, withRegisterSections } from './register-sections';
import { renderReportHtml } from './render-html';
import { statisticsFactOf, type StatisticsCaseFact } from './statistics-fact';

/**
 * Golden files for the sections the registers fill (ADR 0037; REP-9, REP-10, REP-11, REP-6, REP-14,
 * EK-7, AUD-8, AUD-11, AUD-14, AUD-19, AUD-25, RA-10): the berättelser, the tertial and the annual
 * report of 2026 over register-fixture.ts, checked by hand once and frozen. `UPDATE_GOLDEN=1`
 * rewrites them after an intended change; review the diff.
 */
const GOLDEN = join(__dirname, 'fixtures', 'golden');
const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events))
  .filter((f): f is StatisticsCaseFact => f !== null)
  .map((f) => withClassificationCodes(f, DEFAULT_CLASSIFICATION_VOCABULARY));
const asOf = REGISTER_FIXTURE_AS_OF;
const ctx = { organisation: FIXTURE_ORGANISATION, units: FIXTURE_UNITS, generatedAt: asOf };
const history = monthlyCountsOf(facts);
const year = yearRange(2026);

function golden(name: string, content: string): void {
  const file = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, content);
  }
  expect(content).toBe(readFileSync(file, 'utf8'));
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function reports(): { name: string; data: unknown; document: ReportDocument }[] {
  const registers = registerFixture(year.from, year.to, 2026);
  const psb = composeBerattelse(
    'patientsakerhetsberattelse',
    2026,
    facts,
    history,
    { ...ctx, asOf },
    registers,
  );
  const kb = composeBerattelse('kvalitetsberattelse', 2026, facts, history, { ...ctx, asOf }, registers);
  const t2 = tertialRange(2026, 2);
  const tertial = composePeriodReport(facts, {
    kind: 'tertial_report',
    label: 'tertial 2 2026',
    ...t2,
    asOf,
    units: FIXTURE_UNITS,
    history,
    comparisons: [],
  });
  const annual = composePeriodReport(facts, {
    kind: 'annual_report',
    label: '2026',
    ...year,
    asOf,
    units: FIXTURE_UNITS,
    history,
    comparisons: [],
  });
  return [
    { name: 'registers-patientsakerhetsberattelse-2026', data: psb.registers, document: psb.document },
    { name: 'registers-kvalitetsberattelse-2026', data: kb.registers, document: kb.document },
    {
      name: 'registers-tertial-2026-2',
      data: registerFixture(t2.from, t2.to, 2026),
      document: withRegisterSections(
        periodReportDocument(tertial, ctx),
        registerFixture(t2.from, t2.to, 2026),
        ctx,
        false,
      ),
    },
    {
      name: 'registers-annual-2026',
      data: registers,
      document: withRegisterSections(periodReportDocument(annual, ctx), registers, ctx, true),
    },
  ];
}

const section = (doc: ReportDocument, id: string) => {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`${doc.title}: avsnittet ${id} saknas`);
  return found;
};
const tableRows = (doc: ReportDocument, id: string, caption: string) => {
  const block = section(doc, id).blocks.find((b) => b.kind === 'table' && b.caption === caption);
  if (!block || block.kind !== 'table') throw new Error(`${id}: tabellen "${caption}" saknas`);
  return block.rows;
};

describe('reports filled from the registers (golden files)', () => {
  for (const report of reports()) {
    it(`${report.name}: JSON and HTML match the frozen files`, () => {
      golden(`${report.name}.json`, json(report.data));
      golden(`${report.name}.document.json`, json(report.document));
      golden(`${report.name}.html`, renderReportHtml(report.document));
    });
  }

  it('each control of the year is in the kvalitetsberättelse; those without an outcome read "Saknas" in red (EK-7, AUD-11, AUD-14)', () => {
    const kb = reports()[1]!.document;
    const rows = tableRows(kb, 'egenkontroller', 'Egenkontroller per enhet');
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[6]])).toEqual([
      ['LSS-bostad Ekbacken', 'Loggkontroll i verksamhetssystemet', 'helår 2026', MISSING_TEXT, MISSING_TEXT],
      [
        'Särskilt boende Solgården',
        'Läkemedelsgenomgång på avdelning 2',
        'första halvåret 2026',
        'Två av tio listor saknade signatur.',
        'Introduktion om signering för vikarier',
      ],
      [
        'Särskilt boende Solgården',
        'Journalgranskning av genomförandeplaner',
        'helår 2026',
        MISSING_TEXT,
        MISSING_TEXT,
      ],
      [
        'Särskilt boende Solgården',
        'Läkemedelsgenomgång på avdelning 2',
        'andra halvåret 2026',
        'Alla listor signerade.',
        'Inga åtgärder',
      ],
    ]);
    const html = renderReportHtml(kb);
    expect(html).toContain(`<td class="missing"><strong>${MISSING_TEXT}</strong></td>`);
    expect(html).toContain('.missing{color:#b00020}');
  });

  it('a tertial shows only the occurrences due in it, and one not yet due is not "Saknas"', () => {
    const t2 = reports()[2]!.document;
    const rows = tableRows(t2, 'egenkontroll', 'Egenkontroller per enhet');
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['Läkemedelsgenomgång på avdelning 2', 'första halvåret 2026'],
    ]);
    const early = withRegisterSections(
      periodReportDocument(
        composePeriodReport(facts, {
          kind: 'annual_report',
          label: '2026',
          ...year,
          asOf: new Date('2026-11-30T08:00:00.000Z'),
          units: FIXTURE_UNITS,
          history,
          comparisons: [],
        }),
        { ...ctx, generatedAt: new Date('2026-11-30T08:00:00.000Z') },
      ),
      registerFixture(year.from, year.to, 2026),
      { ...ctx, generatedAt: new Date('2026-11-30T08:00:00.000Z') },
      true,
    );
    const logg = tableRows(early, 'egenkontroll', 'Egenkontroller per enhet').find(
      (r) => r[0] === 'LSS-bostad Ekbacken',
    )!;
    expect(logg[4]).toBe('Inte genomförd ännu (senast 2026-12-31)');
  });

  it('risk analyses of the year with levels and actions, and the units without one (RA-10, AUD-8)', () => {
    const kb = reports()[1]!.document;
    const rows = tableRows(kb, 'riskanalyser', 'Riskanalyser under perioden');
    expect(rows.map((r) => [r[0], r[3], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ['LSS-bostad Ekbacken', 'Mycket hög', 0, 0, 1, 1, 'Dubbelbemanning första månaden (pågår)'],
      [
        'Särskilt boende Solgården',
        'Hög',
        1,
        1,
        1,
        0,
        'Utbildning i förflyttningsteknik (genomförd); Nya glidlakan (försenad)',
      ],
    ]);
    const gaps = section(kb, 'riskanalyser').blocks.find(
      (b) => b.kind === 'paragraph' && b.text.startsWith('Enheter utan'),
    );
    expect(gaps).toEqual({
      kind: 'paragraph',
      text: 'Enheter utan dokumenterad riskanalys under perioden: Hemtjänst Norr, Försörjningsstöd.',
    });
  });

  it('adoptions, revisions and repeals of the year with code, version, date and note (AUD-19)', () => {
    const kb = reports()[1]!.document;
    expect(tableRows(kb, 'processer', 'Fastställda, reviderade och upphävda processer och rutiner')).toEqual([
      ['2026-02-12', 'Fastställd', 'Process', 'P-3', 'Process för klagomål', '1.0', 'Processen fastställd.'],
      [
        '2026-04-14',
        'Reviderad',
        'Rutin',
        'R-12',
        'Rutin för lex Sarah',
        '2.0',
        'Utredningstiden förtydligad.',
      ],
      ['2026-10-08', 'Upphävd', 'Rutin', 'R-4', 'Rutin för fax', '1.0', 'Faxen används inte längre.'],
    ]);
  });

  it('ej verkställda beslut: counts per lagrum and unit, 1–2 as "<3" (AUD-25, REP-15)', () => {
    const [, kb] = reports();
    expect(tableRows(kb!.document, 'granskningar', 'Ej verkställda beslut per lagrum')).toEqual([
      ['LSS 9 §', '<3', '<3'],
      ['SoL 4 kap. 1 §', '3', '<3'],
    ]);
    const data = kb!.data as { ejVerkstallda: { total: number; byUnit: unknown[] } };
    expect(data.ejVerkstallda.total).toBe(5);
    expect(data.ejVerkstallda.byUnit).toEqual([
      { key: 'ekbacken', count: null, notVerkstallt: null },
      { key: 'solgarden', count: 3, notVerkstallt: null },
    ]);
  });

  it('the annual report: årshjul completion and the händelseanalyser by cause category, no analysis text (DL-31, AUD-13, IMP-5)', () => {
    const annual = reports()[3]!.document;
    expect(section(annual, 'arshjul').blocks[0]).toEqual({
      kind: 'paragraph',
      text: '1 av 3 planerade uppgifter i årshjulet är klara; 1 är försenade.',
    });
    expect(tableRows(annual, 'arshjul', 'Årshjulets uppgifter').map((r) => r[3])).toEqual([
      'Klar',
      'Försenad',
      'Struken',
      'Planerad',
    ]);
    expect(tableRows(annual, 'handelseanalyser', 'Orsaker i händelseanalyserna per kategori')).toEqual([
      ['Kommunikation', 2, 1],
      ['Rutiner och riktlinjer', 1, 0],
    ]);
    const html = renderReportHtml(annual);
    for (const text of ['Rutinen var okänd', 'Överrapporteringen brast', 'Larmet hördes inte'])
      expect(html).not.toContain(text);
  });

  it('the text a person writes stays marked in every section the registers fill', () => {
    for (const { document } of reports().slice(0, 2))
      for (const s of document.sections.filter((s) => s.id !== 'statistik'))
        expect(s.blocks.some((b) => b.kind === 'analysis')).toBe(true);
  });

  it('no requirement ids and no stored codes in any printed report (every golden HTML file)', () => {
    const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const text = readFileSync(join(GOLDEN, file), 'utf8')
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<[^>]+>/g, ' ');
      expect({ file, ids: text.match(/\b(REP|AUD|EK|RA|DL|LC|IK|PR|IMP|DATA)-\d+/g) }).toEqual({
        file,
        ids: null,
      });
      expect({ file, codes: text.match(/\b[a-z]+(?:_[a-z]+)+\b/g) }).toEqual({ file, codes: null });
    }
  });

  it('no personal data from the fixture cases appears (REP-15)', () => {
    for (const report of reports()) {
      const text = [json(report.data), renderReportHtml(report.document)].join('\n');
      for (const personal of FIXTURE_PERSONAL_STRINGS) {
        const pattern = /^[a-z]+$/.test(personal) ? new RegExp(`\\b${personal}\\b`) : null;
        if (pattern ? pattern.test(text) : text.includes(personal))
          throw new Error(`${report.name}: "${personal}" förekommer i rapporten`);
      }
    }
  });
});
