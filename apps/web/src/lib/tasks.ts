import { CASE_TASK_KIND_LABELS, CASE_TYPE_LABELS, CASE_TYPES } from '@kvalitet/domain';
import type { Task } from '../api/types';

/**
 * The inbox holds the tasks of cases, of the ledningssystem's registers, of risk assessments and of
 * improvement work (GET /tasks; ADR 0008). Typed by the generated api types (issue 22), so a new
 * task kind or source in the api fails the typecheck here until it has a label.
 */
export const TASK_KIND_LABELS: Readonly<Record<Task['kind'], string>> = {
  ...CASE_TASK_KIND_LABELS,
  routine_revision: 'Revidera rutin eller process',
  egenkontroll_control: 'Genomför egenkontroll',
  egenkontroll_action: 'Genomför åtgärd efter egenkontroll',
  lex_sarah_information: 'Informera om lex Sarah',
  ledningssystem_review: 'Årlig genomgång av ledningssystemet',
  internkontroll_step: 'Steg i internkontrollen',
  appointment_missing: 'Förordnande saknas',
  appointment_renewal: 'Förnya förordnande',
  internkontroll_control: 'Genomför internkontroll',
  routine_revision_escalation: 'Eskalerat: revidera rutin eller process',
  egenkontroll_control_escalation: 'Eskalerat: egenkontroll',
  egenkontroll_action_escalation: 'Eskalerat: åtgärd efter egenkontroll',
  lex_sarah_information_escalation: 'Eskalerat: information om lex Sarah',
  ledningssystem_review_escalation: 'Eskalerat: årlig genomgång av ledningssystemet',
  internkontroll_step_escalation: 'Eskalerat: steg i internkontrollen',
  appointment_missing_escalation: 'Eskalerat: förordnande saknas',
  appointment_renewal_escalation: 'Eskalerat: förnya förordnande',
  internkontroll_control_escalation: 'Eskalerat: internkontroll',
  arshjul_item: 'Uppgift i årshjulet',
  arshjul_item_escalation: 'Eskalerat: uppgift i årshjulet',
  risk_observation_triage: 'Ta ställning till riskobservation',
  risk_observation_triage_escalation: 'Eskalerat: riskobservation',
  consider_risk_assessment: 'Överväg riskanalys',
  carry_out_risk_action: 'Genomför åtgärd från riskanalys',
  risk_escalation: 'Eskalerat: riskanalys',
  assess_improvement_proposal: 'Bedöm förbättringsförslag',
  implement_improvement: 'Genomför förbättring',
  follow_up_improvement_effect: 'Följ upp förbättringens effekt',
  improvement_feedback: 'Återkoppla till förslagsställaren',
  check_lesson: 'Pröva lärdom i den egna enheten',
};

/** `caseType` of an inbox row: the case's type, or the register or process the task belongs to. */
export const TASK_SOURCE_LABELS: Readonly<Record<Task['caseType'], string>> = {
  ...CASE_TYPE_LABELS,
  routine: 'Rutin eller process',
  egenkontroll: 'Egenkontroll',
  appointment: 'Förordnande',
  training: 'Information om lex Sarah',
  internkontroll: 'Internkontroll',
  ej_verkstallt_beslut: 'Ej verkställt beslut',
  ledningssystem: 'Ledningssystemet',
  arshjul: 'Årshjul',
  event_analysis: 'Händelseanalys',
  risk_observation: 'Riskobservation',
  risk_assessment: 'Riskanalys',
  improvement: 'Förbättringsarbete',
};

const CASE_SOURCES: ReadonlySet<string> = new Set(CASE_TYPES);

/** Where the task is done: the case, the risk assessment, the ledningssystem page; null where the web has no page yet. */
export function taskHref(
  task: Pick<Task, 'caseId' | 'caseType'> & Partial<Pick<Task, 'id' | 'kind'>>,
): string | null {
  if (CASE_SOURCES.has(task.caseType)) return `/arenden/${encodeURIComponent(task.caseId)}`;
  switch (task.caseType) {
    case 'risk_assessment':
      return `/riskanalyser/${encodeURIComponent(task.caseId)}`;
    // A lesson and a proposal or action are read from different places; the page needs to know which.
    case 'improvement':
      return `/forbattringar/${encodeURIComponent(task.caseId)}${task.kind === 'check_lesson' ? '?typ=lardom' : ''}`;
    // PR-5, PR-8: a revision or a requested review is done on the document's page.
    case 'routine':
      return `/ledningssystem/rutiner/${encodeURIComponent(task.caseId)}`;
    // The plan page scrolls to the control or action the task is about (`?uppgift=`).
    case 'egenkontroll':
    case 'internkontroll':
      return `/ledningssystem/${task.caseType}/${encodeURIComponent(task.caseId)}${task.id ? `?uppgift=${encodeURIComponent(task.id)}` : ''}`;
    // AUD-5, AUD-6: a missing role or a renewal is done on the förordnanden page.
    case 'appointment':
      return '/ledningssystem/forordnanden';
    // DL-29: the training page opens the person the task is about.
    case 'training':
      return `/ledningssystem/utbildning?person=${encodeURIComponent(task.caseId)}`;
    // DL-31: the årshjul page opens the plan's year.
    case 'arshjul':
      return `/ledningssystem/arshjul?plan=${encodeURIComponent(task.caseId)}`;
    // RA-12: the triage form opens with the observation.
    case 'risk_observation':
      return `/ledningssystem/riskobservationer?observation=${encodeURIComponent(task.caseId)}`;
    case 'event_analysis':
      return `/ledningssystem/handelseanalyser/${encodeURIComponent(task.caseId)}`;
    case 'ej_verkstallt_beslut':
      return '/ledningssystem/ej-verkstallda-beslut';
    // The document has one pending March review; the review page finds its year.
    case 'ledningssystem':
      return task.kind?.startsWith('ledningssystem_review')
        ? '/ledningssystem/arlig-genomgang'
        : '/ledningssystem/dokument';
    default:
      return '/ledningssystem';
  }
}

/** The inbox's orders, as the api names them (`GET /tasks?sort=`). */
export type TaskSort = 'newest' | 'due' | 'latest_due';

/** The views of "Mina uppgifter"; the first is where a new report shows on top. */
export const TASK_VIEWS: readonly { sort: TaskSort; label: string }[] = [
  { sort: 'newest', label: 'Nyast först' },
  { sort: 'due', label: 'Förfallna först' },
  { sort: 'latest_due', label: 'Senast förfallodag' },
];

export const INBOX_PAGE_SIZE = 50;

export interface InboxFilter {
  status: 'open' | 'done';
  sort: TaskSort;
  /** '' for every kind. */
  kind: string;
  /** '' for every case type and register. */
  caseType: string;
  overdueOnly: boolean;
  q: string;
}

function inboxParams(filter: InboxFilter): URLSearchParams {
  const params = new URLSearchParams({ status: filter.status });
  if (filter.caseType) params.set('caseType', filter.caseType);
  if (filter.overdueOnly && filter.status === 'open') params.set('overdue', 'true');
  if (filter.q.trim()) params.set('q', filter.q.trim());
  return params;
}

/** One page of the inbox; the api pages, sorts, filters and searches (issue 21). */
export function inboxPath(filter: InboxFilter, page: number): string {
  const params = inboxParams(filter);
  params.set('sort', filter.sort);
  if (filter.kind) params.set('kind', filter.kind);
  params.set('page', String(page));
  params.set('pageSize', String(INBOX_PAGE_SIZE));
  return `/api/v1/tasks?${params.toString()}`;
}

/** The counts per kind for the same filters, whatever kind is chosen, so every chip keeps its number. */
export function inboxCountsPath(filter: InboxFilter): string {
  return `/api/v1/tasks/counts?${inboxParams(filter).toString()}`;
}
