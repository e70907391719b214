import { withPersonnummerMasked } from './document-personnummer';
import { renderReportHtml } from './render-html';
import type { ReportDocument } from './report-document';

const PNR = '19121212-1212';

const document: ReportDocument = {
  kind: 'weekly_digest',
  title: `Vecka ${PNR}`,
  organisation: 'Exempelkommun',
  periodLabel: `2026-W49 ${PNR}`,
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  generatedAt: '2026-12-07T06:00:00.000Z',
  status: 'draft',
  notice: `Obs ${PNR}`,
  sections: [
    {
      id: 's',
      title: `Avsnitt ${PNR}`,
      blocks: [
        { kind: 'paragraph', text: `Brukaren ${PNR} föll` },
        { kind: 'facts', items: [{ label: `Etikett ${PNR}`, value: `Värde 811218-9876` }] },
        {
          kind: 'table',
          caption: `Tabell ${PNR}`,
          columns: [`Kolumn ${PNR}`, 'Antal'],
          rows: [[`Kategori ${PNR}`, 1212121212]],
        },
        { kind: 'chart', chart: { kind: 'bar', title: `Diagram ${PNR}`, labels: [PNR], values: [3] } },
        {
          kind: 'chart',
          chart: { kind: 'line', title: 't', labels: ['a'], series: [{ name: PNR, values: [1] }] },
        },
        { kind: 'chart', chart: { kind: 'funnel', title: 't', steps: [{ label: PNR, value: 2 }] } },
        { kind: 'analysis', prompt: `Skriv om ${PNR}` },
      ],
    },
  ],
};

describe('documents leave the case: every text in one is masked when it is rendered (issue 21, DATA-2)', () => {
  it('masks the numbers in every text of the document and keeps counts as numbers', () => {
    const masked = withPersonnummerMasked(document);
    expect(JSON.stringify(masked)).not.toContain(PNR);
    expect(JSON.stringify(masked)).not.toContain('811218-9876');
    expect(masked.sections[0]!.blocks[0]).toEqual({ kind: 'paragraph', text: 'Brukaren ÅÅMMDD-XXXX föll' });
    expect(masked.sections[0]!.blocks[2]).toMatchObject({ rows: [['Kategori ÅÅMMDD-XXXX', 1212121212]] });
    expect(masked.notice).toBe('Obs ÅÅMMDD-XXXX');
  });

  it('the HTML renderer prints no full number, whatever the builder put in', () => {
    const html = renderReportHtml(document);
    expect(html).not.toContain(PNR);
    expect(html).toContain('Brukaren ÅÅMMDD-XXXX föll');
  });
});
