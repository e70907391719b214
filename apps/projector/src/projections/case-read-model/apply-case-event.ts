import {
  evolveCase,
  evolveCaseInPlace,
  stockholmLocalParts,
  type CaseAggregateState,
  type CaseEvent,
  type ClassificationVocabulary,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { CaseRow, CounterRow, TaskRow } from './case-read-model-rows';

/**
 * A case being folded: its state and the row facts that are not in the state (who reported it and
 * what they wrote), plus what the fold touched. Rows are built from it once, after the last event.
 */
export interface CaseFold {
  state: CaseAggregateState | null;
  version: number;
  reportedBy: string | null;
  description: string | null;
  touchedTasks: Set<string>;
  allTasksTouched: boolean;
  /** The fold owns its state (a rebuild): `evolveCaseInPlace` instead of `evolveCase`. */
  inPlace: boolean;
}

export function startFold(row: CaseRow | null, options: { inPlace?: boolean } = {}): CaseFold {
  return {
    state: row?.state ?? null,
    version: row?.version ?? 0,
    reportedBy: row?.reported_by ?? null,
    description: row?.description ?? null,
    touchedTasks: new Set(),
    allTasksTouched: false,
    inPlace: options.inPlace ?? false,
  };
}

/**
 * Applies one event to a fold and returns the counter increments it causes, or null for an event
 * the fold already contains (version guard) — which is what makes redelivery and a concurrent
 * rebuild harmless. A gap in versions is an error: per-case order is a promise of the pipeline.
 */
export function foldCaseEvent(fold: CaseFold, envelope: EventEnvelope): CounterRow[] | null {
  if (envelope.version <= fold.version) return null;
  if (fold.version + 1 !== envelope.version) {
    throw new Error(
      `händelse ${envelope.id} har version ${envelope.version} men läsmodellen för ${envelope.aggregateId} står på ${fold.version}`,
    );
  }
  const event = { type: envelope.type, data: envelope.data } as unknown as CaseEvent;
  const state = fold.inPlace ? evolveCaseInPlace(fold.state, event) : evolveCase(fold.state, event);
  if (!state) throw new Error(`händelse ${envelope.type} gav inget ärende`);
  fold.state = state;
  fold.version = envelope.version;
  switch (event.type) {
    case 'CaseReported':
      fold.reportedBy = event.data.reporter.username ?? null;
      fold.description = event.data.description;
      return [
        {
          unit_id: state.unitId,
          type: state.reportedType,
          month: stockholmMonth(state.reportedAt),
          reported: 1,
          closed: 0,
          deadlines_missed: 0,
        },
      ];
    case 'TaskCreated':
    case 'TaskCompleted':
      fold.touchedTasks.add(event.data.taskId);
      return [];
    case 'CaseClassified':
      fold.allTasksTouched = true;
      return [];
    case 'CaseClosed':
      return [
        {
          unit_id: state.unitId,
          type: state.type,
          month: stockholmMonth(envelope.occurredAt),
          reported: 0,
          closed: 1,
          deadlines_missed: 0,
        },
      ];
    case 'DeadlineMissed':
      return [
        {
          unit_id: state.unitId,
          type: state.type,
          month: stockholmMonth(envelope.occurredAt),
          reported: 0,
          closed: 0,
          deadlines_missed: 1,
        },
      ];
    default:
      return [];
  }
}

/** The list row of a case; its category as the code of the managed list (issue 24), the typed text stays in the state. */
export function caseRowOf(fold: CaseFold, vocabulary: ClassificationVocabulary): CaseRow {
  const state = fold.state!;
  let nextDue: string | null = null;
  let missed = 0;
  for (const deadline of Object.values(state.deadlines)) {
    if (deadline.status === 'open' && (nextDue === null || deadline.dueAt < nextDue))
      nextDue = deadline.dueAt;
    if (deadline.status === 'missed') missed++;
  }
  return {
    id: state.id,
    case_number: state.caseNumber,
    type: state.type,
    reported_type: state.reportedType,
    unit_id: state.unitId,
    stage: state.stage,
    channel: state.channel,
    unclassified: state.unclassified,
    category: vocabulary.codeOf('categories', state.category),
    reported_at: state.reportedAt,
    occurred_at: toTimestamp(state.occurredAt),
    reported_by: fold.reportedBy,
    assignee: state.assignee,
    description: fold.description,
    next_due_at: nextDue,
    missed_deadlines: missed,
    version: fold.version,
    closed_at: state.closedAt,
    state,
  };
}

export function taskRowsOf(fold: CaseFold): TaskRow[] {
  const state = fold.state!;
  const ids = fold.allTasksTouched ? Object.keys(state.tasks) : [...fold.touchedTasks];
  return ids.flatMap((taskId) => {
    const task = state.tasks[taskId];
    if (!task) return [];
    return [
      {
        id: task.id,
        case_id: state.id,
        case_number: state.caseNumber,
        case_type: state.type,
        kind: task.kind,
        assignee: task.assignee ?? null,
        assignee_role: task.assigneeRole ?? null,
        unit_id: task.unitId,
        due_at: task.dueAt ?? null,
        deadline_id: task.deadlineId ?? null,
        action_id: task.actionId ?? null,
        status: task.status === 'open' ? ('open' as const) : ('done' as const),
        created_at: task.createdAt,
        completed_at: task.completedAt ?? null,
      },
    ];
  });
}

/** Month per UTC hour (Swedish time is a whole number of hours off UTC): a rebuild asks for it per case. */
const monthOfHour = new Map<string, string>();

function stockholmMonth(iso: string): string {
  const hour = new Date(iso).toISOString().slice(0, 13);
  let month = monthOfHour.get(hour);
  if (month === undefined) {
    const parts = stockholmLocalParts(new Date(iso));
    month = `${parts.year}-${String(parts.month).padStart(2, '0')}`;
    if (monthOfHour.size > 100_000) monthOfHour.clear();
    monthOfHour.set(hour, month);
  }
  return month;
}

/** `occurredAt` may be a bare date when that is all the reporter knew; store it as midnight UTC. */
function toTimestamp(value: string | undefined): string | null {
  if (!value) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}
