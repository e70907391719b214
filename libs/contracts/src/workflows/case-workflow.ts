import { respondByDueAt } from '@kvalitet/domain';
import type { CaseActionLevel, CaseFlowEvent, CaseOutcome, CaseType } from '@kvalitet/domain';
import type { EventEnvelope } from '../events/event-envelope';

/**
 * The contract between the orchestrator (a Kafka consumer in the projector) and the case workflow
 * (workflows/): one workflow per case, `case-<caseId>`, started or signalled with `signalWithStart`
 * and a signal that carries the case's events. Only names and plain data live here, so that both
 * sides agree without the projector importing workflow code.
 */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
export const CASE_EVENTS_SIGNAL = 'caseEvents';
export const CASE_WORKFLOW_STATUS_QUERY = 'caseWorkflowStatus';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/** The start argument given with `signalWithStart`. */
export interface CaseWorkflowStart {
  readonly caseId: string;
  /** Continue-as-new once the history has this many events (operations tuning; default in the workflow). */
  readonly historyLimit?: number;
}

/**
 * The events the case workflow acts on, with the subset of their data it needs (the domain's case
 * flow reads the same shape). No free text or personal data ever goes to Temporal (ADR 0002).
 */
export type CaseWorkflowEvent = CaseFlowEvent;

export type CaseWorkflowEventType = CaseWorkflowEvent['type'];

/** The payload of the `caseEvents` signal: one or more events of one case, in version order. */
export interface CaseEventsSignal {
  readonly events: CaseWorkflowEvent[];
}

/**
 * The case event types the orchestrator forwards. Left out: `InvestigationStarted` (nothing waits on
 * it) and what the workflow writes itself (`DeadlineStarted`, `DeadlineMissed`, `TaskCreated`,
 * `TaskCompleted`). `DeadlineMet` is forwarded: it is written by people's commands, not by the workflow.
 */
export const CASE_WORKFLOW_EVENT_TYPES: readonly CaseWorkflowEventType[] = [
  'CaseReported',
  'CaseAcknowledged',
  'CaseAssigned',
  'CaseClassified',
  'InvestigationRecorded',
  'CaseDecided',
  'ReportedToIvo',
  'BreachAssessed',
  'ReportedToImy',
  'CaseResponded',
  'ActionAdded',
  'ActionCompleted',
  'FollowUpRecorded',
  'CaseClosed',
  'CaseReopened',
  'DeadlineMet',
];

export function isCaseWorkflowEventType(type: string): type is CaseWorkflowEventType {
  return (CASE_WORKFLOW_EVENT_TYPES as readonly string[]).includes(type);
}

type Data = Record<string, unknown>;

const str = (data: Data, key: string): string => String(data[key] ?? '');
const optStr = (data: Data, key: string): { [k: string]: string } =>
  typeof data[key] === 'string' ? { [key]: data[key] as string } : {};

/** A contact left with the report; an erased one (`[raderad]`) was left all the same. */
function hasContact(contact: unknown): boolean {
  if (typeof contact === 'string') return contact !== '';
  if (typeof contact !== 'object' || contact === null) return false;
  const { email, phone } = contact as Data;
  return (typeof email === 'string' && email !== '') || (typeof phone === 'string' && phone !== '');
}

/** A deviation reported by a signed-in user, who is told the outcome when it closes (IMP-8). */
function hasStaffReporter(d: Data): boolean {
  if (d['type'] !== 'deviation' && d['type'] !== 'hsl_deviation') return false;
  const reporter = d['reporter'];
  if (typeof reporter !== 'object' || reporter === null) return false;
  const username = (reporter as Data)['username'];
  return typeof username === 'string' && username !== '';
}

/** The `at` of an event made by a person, else when it was appended. */
const atOf = (event: EventEnvelope): string =>
  typeof event.data['at'] === 'string' ? (event.data['at'] as string) : event.occurredAt;

function subset(event: EventEnvelope): CaseWorkflowEvent['data'] | null {
  const d = event.data;
  const at = atOf(event);
  switch (event.type) {
    case 'CaseReported':
      return {
        type: str(d, 'type') as CaseType,
        unitId: str(d, 'unitId'),
        reportedAt: str(d, 'reportedAt') || event.occurredAt,
        unclassified: d['unclassified'] === true,
        ...optStr(d, 'awareAt'),
        ...(d['wantsAnswer'] === true && hasContact(d['contact']) ? { answerWanted: true as const } : {}),
        ...(typeof d['respondBy'] === 'string' ? { respondByDueAt: respondByDueAt(d['respondBy']) } : {}),
        ...(hasStaffReporter(d) ? { staffReporter: true as const } : {}),
      };
    case 'BreachAssessed':
      return { notifiable: d['notifiable'] === true, at };
    case 'CaseAcknowledged':
    case 'InvestigationRecorded':
    case 'ReportedToIvo':
    case 'ReportedToImy':
    case 'CaseResponded':
    case 'CaseClosed':
    case 'CaseReopened':
      return { at };
    case 'CaseAssigned':
      return { assignee: str(d, 'assignee'), ...optStr(d, 'previousAssignee'), at };
    case 'CaseClassified':
      return {
        fromType: str(d, 'fromType') as CaseType,
        toType: str(d, 'toType') as CaseType,
        ...optStr(d, 'toUnitId'),
        ...(d['byMas'] === true ? { byMas: true as const } : {}),
        at,
      };
    case 'CaseDecided':
      return {
        outcome: str(d, 'outcome') as CaseOutcome,
        requiresIvoReport: d['requiresIvoReport'] === true,
        by: str(d, 'by'),
        at,
      };
    case 'ActionAdded':
      return {
        actionId: str(d, 'actionId'),
        level: str(d, 'level') as CaseActionLevel,
        owner: str(d, 'owner'),
        dueAt: str(d, 'dueAt'),
        at,
      };
    case 'ActionCompleted':
      return { actionId: str(d, 'actionId'), at };
    case 'FollowUpRecorded':
      return {
        actionIds: Array.isArray(d['actionIds']) ? (d['actionIds'] as unknown[]).map(String) : [],
        effective: d['effective'] === true,
        at,
      };
    case 'DeadlineMet':
      return { deadlineId: str(d, 'deadlineId'), at };
    default:
      return null;
  }
}

/**
 * Maps a stored case event to what the workflow receives, or `null` for events the workflow does
 * not act on (and for other aggregates).
 */
export function toCaseWorkflowEvent(event: EventEnvelope): CaseWorkflowEvent | null {
  if (event.aggregateType !== 'case' || !isCaseWorkflowEventType(event.type)) return null;
  const data = subset(event);
  if (data === null) return null;
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    data,
  } as CaseWorkflowEvent;
}
