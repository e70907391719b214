/**
 * A report as a document, independent of the format: the HTML and PDF renderers draw exactly this,
 * so the three formats (JSON, HTML, PDF) never disagree.
 */
export type ReportChart =
  | {
      readonly kind: 'line';
      readonly title: string;
      readonly labels: readonly string[];
      readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
    }
  | {
      readonly kind: 'bar';
      readonly title: string;
      readonly labels: readonly string[];
      readonly values: readonly number[];
    }
  | {
      readonly kind: 'funnel';
      readonly title: string;
      readonly steps: readonly { readonly label: string; readonly value: number }[];
    };

export type ReportBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly items: readonly { readonly label: string; readonly value: string }[] }
  | {
      readonly kind: 'table';
      readonly caption?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly (string | number)[])[];
    }
  | { readonly kind: 'chart'; readonly chart: ReportChart }
  /** Where a person must write: the system never writes the analysis (REP-1 "narrative written by people"). */
  | { readonly kind: 'analysis'; readonly prompt: string };

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** Where the section's requirement comes from (law, seed document). */
  readonly source?: string;
  readonly blocks: readonly ReportBlock[];
}

export type ReportKind =
  | 'weekly_digest'
  | 'meeting_report'
  | 'quarterly_statistics'
  | 'tertial_report'
  | 'annual_report'
  | 'patientsakerhetsberattelse'
  | 'kvalitetsberattelse'
  | 'ledningssystem_review'
  | 'statistics'
  | 'ivo_anmalan'
  | 'case_summary';

export interface ReportDocument {
  readonly kind: ReportKind;
  readonly title: string;
  readonly organisation: string;
  readonly periodLabel: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  /** A draft until people have written the analysis and the report is approved (REP-1). */
  readonly status: 'draft' | 'final';
  readonly sections: readonly ReportSection[];
  /**
   * What the document holds, printed under its title. Left out, it is REP-15's statement for the
   * aggregate material (`NO_CASE_DATA_NOTICE`); a document with case material must say so (issue 24).
   */
  readonly notice?: string;
}

/** The statement every aggregate document (ledning, nämnd) can make (REP-15). */
export const NO_CASE_DATA_NOTICE = 'Innehåller inga namn, personnummer eller fritext ur ärenden.';

/** The document's statement of what it holds. */
export function noticeOf(doc: Pick<ReportDocument, 'notice'>): string {
  return doc.notice ?? NO_CASE_DATA_NOTICE;
}

export const ANALYSIS_MARKER = 'ANALYS SKRIVS AV ANSVARIG';

let numberFormat: Intl.NumberFormat | undefined;
const dateFormats = new Map<boolean, Intl.DateTimeFormat>();

/** Swedish number formatting for documents: 1 234, 12,5. */
export function formatNumber(value: number | null): string {
  if (value === null) return '–';
  numberFormat ??= new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
  return numberFormat.format(value);
}

/** `2026-11-23T07:00:00.000Z` → `2026-11-23 08:00` in Stockholm. */
export function formatStockholm(iso: string, withTime = true): string {
  let format = dateFormats.get(withTime);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    dateFormats.set(withTime, format);
  }
  const parts = format.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date;
}

/** Every text of a document, in order (tests, search, the privacy check). */
export function documentTexts(doc: ReportDocument): string[] {
  const texts = [doc.title, doc.organisation, doc.periodLabel];
  for (const section of doc.sections) {
    texts.push(section.title, section.source ?? '');
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'paragraph':
          texts.push(block.text);
          break;
        case 'facts':
          for (const item of block.items) texts.push(item.label, item.value);
          break;
        case 'table':
          texts.push(block.caption ?? '', ...block.columns, ...block.rows.flat().map(String));
          break;
        case 'chart':
          texts.push(block.chart.title);
          break;
        case 'analysis':
          texts.push(block.prompt);
          break;
      }
    }
  }
  return texts;
}
