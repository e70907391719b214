import {
  CASE_DEADLINE_KIND_LABELS,
  CASE_STAGE_LABELS,
  CASE_STAGES,
  CASE_TASK_KIND_LABELS,
  CASE_TYPE_LABELS,
  CHANNEL_LABELS,
  STATUTORY_STEP_LABELS,
  type CaseChannel,
  type CaseDeadlineKind,
  type CaseStage,
  type CaseTaskKind,
  type CaseType,
  type ReportBlock,
  type ReportDocument,
  type ReportSection,
  type StatutoryStepStatus,
} from '@kvalitet/domain';
import type { CaseView } from './case-view';

/**
 * The case summary PDF (issue 21, "Phone and print"): what happened, where the case stands and its
 * steps, deadlines, actions and tasks, in plain Swedish. Built from the reader's own view of the case,
 * so it withholds and masks exactly what the case page does for that reader.
 */
export const CASE_SUMMARY_NOTICE =
  'Sammanfattning av ett ärende. Den kan innehålla sekretessbelagda uppgifter: förvara den säkert och lämna inte ut den utan sekretessprövning.';

const STEP_STATUS_LABELS: Readonly<Record<StatutoryStepStatus, string>> = {
  done: 'Klart',
  due: 'Ska göras',
  overdue: 'Försenat',
  waiting: 'Väntar på tidigare steg',
  not_required: 'Behövs inte',
};
const DEADLINE_STATUS_LABELS: Readonly<Record<CaseView['deadlines'][number]['status'], string>> = {
  open: 'Pågår',
  met: 'Uppfylld',
  missed: 'Missad',
  cancelled: 'Avbruten',
};
const ACTION_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'Pågår',
  completed: 'Genomförd',
  followed_up: 'Uppföljd',
};
const TASK_STATUS_LABELS: Readonly<Record<CaseView['tasks'][number]['status'], string>> = {
  open: 'Att göra',
  done: 'Klar',
};

let dateFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** `2026-03-01T09:30:00Z` → "1 mars 2026" in Stockholm. */
export function swedishDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  dateFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return dateFormat.format(new Date(iso));
}

/** `2026-03-01T09:30:00Z` → "1 mars 2026 kl. 10.30" in Stockholm. */
export function swedishDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  dateTimeFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${swedishDate(iso)} kl. ${dateTimeFormat.format(new Date(iso)).replace(':', '.')}`;
}

function label<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? 'Okänt';
}

function stageSteps(stage: string): string[][] {
  const current = stage === 'closed' ? CASE_STAGES.length : CASE_STAGES.indexOf(stage as CaseStage);
  return CASE_STAGES.map((s, i) => [
    CASE_STAGE_LABELS[s],
    i < current || stage === 'closed' ? 'Klart' : i === current ? 'Pågår nu' : 'Kommer senare',
  ]);
}

export function caseSummaryDocument(
  view: CaseView,
  context: { organisation: string; unitName: (unitId: string) => string; generatedAt: Date },
): ReportDocument {
  const type = label<CaseType>(CASE_TYPE_LABELS, view.type);
  const stage = label<CaseStage>(CASE_STAGE_LABELS, view.stage);
  const withheld = 'Visas inte: ärendet gäller en person med skyddade personuppgifter.';
  const sections: ReportSection[] = [
    {
      id: 'arendet',
      title: 'Ärendet',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Ärendenummer', value: view.caseNumber },
            { label: 'Typ', value: type },
            { label: 'Status', value: stage },
            { label: 'Enhet', value: context.unitName(view.unitId) },
            { label: 'Inkom via', value: label<CaseChannel>(CHANNEL_LABELS, view.channel) },
            { label: 'Rapporterat', value: swedishDateTime(view.reportedAt) },
            { label: 'När det hände', value: swedishDateTime(view.occurredAt) },
            ...(view.closedAt ? [{ label: 'Avslutat', value: swedishDate(view.closedAt) }] : []),
          ],
        },
        { kind: 'paragraph', text: `Vad hände: ${view.description ?? withheld}` },
        ...(view.immediateActions
          ? [{ kind: 'paragraph' as const, text: `Vad gjordes direkt: ${view.immediateActions}` }]
          : []),
      ],
    },
    {
      id: 'steg',
      title: 'Ärendets steg',
      blocks: [
        {
          kind: 'table',
          caption: 'Handläggningens steg',
          columns: ['Steg', 'Läge'],
          rows: stageSteps(view.stage),
        },
        ...(view.statutorySteps.length > 0
          ? [
              {
                kind: 'table' as const,
                caption: 'Lagstadgade steg',
                columns: ['Steg', 'Läge', 'Senast', 'Gjort'],
                rows: view.statutorySteps.map((s) => [
                  STATUTORY_STEP_LABELS[s.key],
                  STEP_STATUS_LABELS[s.status],
                  swedishDate(s.dueAt),
                  swedishDate(s.doneAt),
                ]),
              },
            ]
          : []),
      ],
    },
  ];
  const outcome: ReportBlock[] = [];
  if (view.investigation)
    outcome.push({
      kind: 'paragraph',
      text: `Utredning (${swedishDate(view.investigation.at)}): ${view.investigation.summary}`,
    });
  if (view.decision)
    outcome.push({
      kind: 'paragraph',
      text: `Beslut (${swedishDate(view.decision.at)}): ${view.decision.rationale}`,
    });
  if (view.closingSummary) outcome.push({ kind: 'paragraph', text: `Avslutning: ${view.closingSummary}` });
  if (outcome.length > 0) sections.push({ id: 'utredning', title: 'Utredning och beslut', blocks: outcome });
  sections.push({
    id: 'frister',
    title: 'Frister',
    blocks: [
      view.deadlines.length === 0
        ? { kind: 'paragraph', text: 'Inga frister.' }
        : {
            kind: 'table',
            columns: ['Frist', 'Senast', 'Läge'],
            rows: view.deadlines.map((d) => [
              label<CaseDeadlineKind>(CASE_DEADLINE_KIND_LABELS, d.kind),
              swedishDate(d.dueAt),
              DEADLINE_STATUS_LABELS[d.status],
            ]),
          },
    ],
  });
  if (view.actions.length > 0)
    sections.push({
      id: 'atgarder',
      title: 'Åtgärder',
      blocks: [
        {
          kind: 'table',
          columns: ['Åtgärd', 'Senast', 'Läge'],
          rows: view.actions.map((a) => [
            a.title,
            swedishDate(a.dueAt),
            ACTION_STATUS_LABELS[a.status] ?? 'Okänt',
          ]),
        },
      ],
    });
  if (view.tasks.length > 0)
    sections.push({
      id: 'uppgifter',
      title: 'Uppgifter',
      blocks: [
        {
          kind: 'table',
          columns: ['Uppgift', 'Senast', 'Läge'],
          rows: view.tasks.map((t) => [
            label<CaseTaskKind>(CASE_TASK_KIND_LABELS, t.kind),
            swedishDate(t.dueAt),
            TASK_STATUS_LABELS[t.status],
          ]),
        },
      ],
    });
  return {
    kind: 'case_summary',
    title: `Sammanfattning av ärende ${view.caseNumber}`,
    organisation: context.organisation,
    periodLabel: `${swedishDate(view.reportedAt)} – ${swedishDate(context.generatedAt.toISOString())}`,
    from: view.reportedAt,
    to: context.generatedAt.toISOString(),
    generatedAt: context.generatedAt.toISOString(),
    status: 'final',
    notice: CASE_SUMMARY_NOTICE,
    sections,
  };
}
