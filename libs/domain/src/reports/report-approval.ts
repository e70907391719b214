import type { Tertial } from '../calendar/period-range';
import type { ReportBlock, ReportDocument, ReportKind, ReportSection } from './report-document';
import { formatStockholm } from './report-document';

/**
 * The reports a person approves and freezes (REP-1, DATA-6, ADR 0038): the berättelser (DL-22,
 * DL-23) and the nämnd's tertial and annual reports. All are aggregates without case text (REP-15),
 * so a frozen copy never holds what a case's erasure must reach.
 */
export const APPROVABLE_REPORTS = {
  patientsakerhetsberattelse: {
    kind: 'patientsakerhetsberattelse',
    title: 'Patientsäkerhetsberättelse',
    period: 'year',
  },
  kvalitetsberattelse: { kind: 'kvalitetsberattelse', title: 'Kvalitetsberättelse', period: 'year' },
  tertial: { kind: 'tertial_report', title: 'Tertialrapport', period: 'tertial' },
  annual: { kind: 'annual_report', title: 'Årssammanställning', period: 'year' },
} as const satisfies Record<string, { kind: ReportKind; title: string; period: 'year' | 'tertial' }>;

export type ApprovableReportName = keyof typeof APPROVABLE_REPORTS;

export const APPROVABLE_REPORT_NAMES = Object.keys(APPROVABLE_REPORTS) as ApprovableReportName[];

export interface ApprovableReport {
  readonly name: ApprovableReportName;
  readonly kind: ReportKind;
  readonly year: number;
  readonly tertial?: Tertial;
  /** `2026` or `2026-T3`, as in the scheduled run's period key. */
  readonly period: string;
  /** `patientsakerhetsberattelse:2026`: the scheduled run's period key, which names its workflow's report too. */
  readonly periodKey: string;
  /** "Patientsäkerhetsberättelse 2026". */
  readonly label: string;
}

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export function isApprovableReportName(value: string): value is ApprovableReportName {
  return Object.prototype.hasOwnProperty.call(APPROVABLE_REPORTS, value);
}

/** The report `name` (URL segment) for `period` (`2026`, or `2026-T3` for a tertial), or what is wrong. */
export function parseApprovableReport(name: string, period: string): ApprovableReport | FieldProblem {
  if (!isApprovableReportName(name))
    return {
      field: 'kind',
      code: 'INVALID_ENUM',
      message: `Rapporten ska vara en av ${APPROVABLE_REPORT_NAMES.join(', ')}.`,
    };
  const spec = APPROVABLE_REPORTS[name];
  const match = spec.period === 'year' ? /^(\d{4})$/.exec(period) : /^(\d{4})-T([123])$/.exec(period);
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < FIRST_YEAR || year > LAST_YEAR)
    return {
      field: 'period',
      code: 'INVALID_FORMAT',
      message:
        spec.period === 'year'
          ? 'Perioden ska vara ett år, t.ex. 2026.'
          : 'Perioden ska vara ett år och ett tertial, t.ex. 2026-T3.',
    };
  const tertial = spec.period === 'tertial' ? (Number(match[2]) as Tertial) : undefined;
  return {
    name,
    kind: spec.kind,
    year,
    ...(tertial === undefined ? {} : { tertial }),
    period,
    periodKey: `${spec.kind}:${period}`,
    label: tertial === undefined ? `${spec.title} ${year}` : `${spec.title} ${tertial} ${year}`,
  };
}

/** A place in a draft where a person must write (an `analysis` block), and its stable id. */
export interface AnalysisPrompt {
  /** The section's id; `<section>-2`, `-3`, … for a section's later prompts. */
  readonly id: string;
  readonly sectionTitle: string;
  readonly prompt: string;
}

function promptIdsOf(section: ReportSection): (string | null)[] {
  let n = 0;
  return section.blocks.map((block) => {
    if (block.kind !== 'analysis') return null;
    n += 1;
    return n === 1 ? section.id : `${section.id}-${n}`;
  });
}

export function analysisPrompts(document: ReportDocument): AnalysisPrompt[] {
  return document.sections.flatMap((section) => {
    const ids = promptIdsOf(section);
    return section.blocks.flatMap((block, index) =>
      block.kind === 'analysis'
        ? [{ id: ids[index]!, sectionTitle: section.title, prompt: block.prompt }]
        : [],
    );
  });
}

export const MAX_NARRATIVE_LENGTH = 20_000;

/** The texts people wrote, by prompt id; blank ones count as not written. */
export type Narratives = Readonly<Record<string, string>>;

/** What is wrong with the texts given for `document`'s prompts (an unknown prompt, a text too long). */
export function narrativeProblems(document: ReportDocument, narratives: Narratives): FieldProblem[] {
  const known = new Set(analysisPrompts(document).map((p) => p.id));
  return Object.entries(narratives).flatMap(([id, text]): FieldProblem[] => {
    if (!known.has(id))
      return [
        {
          field: `narratives.${id}`,
          code: 'UNKNOWN_PROMPT',
          message: `Rapporten har inget avsnitt att skriva i som heter ${id}.`,
        },
      ];
    if (typeof text !== 'string')
      return [{ field: `narratives.${id}`, code: 'INVALID_TYPE', message: 'Texten ska vara text.' }];
    if (text.length > MAX_NARRATIVE_LENGTH)
      return [
        {
          field: `narratives.${id}`,
          code: 'TOO_LONG',
          message: `Texten får vara högst ${MAX_NARRATIVE_LENGTH} tecken.`,
        },
      ];
    return [];
  });
}

/** The written texts, trimmed, without the blank ones, in the draft's order. */
export function writtenNarratives(document: ReportDocument, narratives: Narratives): Record<string, string> {
  return Object.fromEntries(
    analysisPrompts(document)
      .map((p) => [p.id, (narratives[p.id] ?? '').trim()] as const)
      .filter(([, text]) => text.length > 0),
  );
}

export interface ReportApproval {
  readonly version: number;
  readonly approvedByName: string;
  readonly approvedAt: string;
}

const paragraphsOf = (text: string): ReportBlock[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p }));

/**
 * The approved document: the draft with each written text in place of its prompt (a prompt left
 * unwritten stays marked), final, and opening with who approved it and when (REP-1).
 */
export function approvedDocument(
  draft: ReportDocument,
  narratives: Narratives,
  approval: ReportApproval,
): ReportDocument {
  const written = writtenNarratives(draft, narratives);
  const sections = draft.sections.map((section) => {
    const ids = promptIdsOf(section);
    return {
      ...section,
      blocks: section.blocks.flatMap((block, index) => {
        const text = ids[index] ? written[ids[index]] : undefined;
        return text === undefined ? [block] : paragraphsOf(text);
      }),
    };
  });
  const approvalSection: ReportSection = {
    id: 'godkannande',
    title: 'Godkännande',
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Version', value: String(approval.version) },
          { label: 'Godkänd av', value: approval.approvedByName },
          { label: 'Godkänd', value: formatStockholm(approval.approvedAt) },
        ],
      },
    ],
  };
  return { ...draft, status: 'final', sections: [approvalSection, ...sections] };
}

const VOLATILE_KEYS = new Set(['generatedAt', 'asOf']);

function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE_KEYS.has(key))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, v]) => [key, withoutVolatile(v)]),
    );
  return value;
}

/**
 * What a draft says, without when it was computed: two drafts with the same content compare equal,
 * so "the data has changed since version n" and "nothing new to approve" can be told.
 */
export function draftContent(
  draft: { data: unknown; document: ReportDocument },
  narratives: Narratives,
): string {
  return JSON.stringify(
    withoutVolatile({
      data: draft.data,
      sections: draft.document.sections,
      narratives: writtenNarratives(draft.document, narratives),
    }),
  );
}
