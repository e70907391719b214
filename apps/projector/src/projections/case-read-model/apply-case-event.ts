import { evolveCase, stockholmLocalParts, type CaseEvent } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { CaseRow, CounterRow, TaskRow } from './case-read-model-rows';

export interface CaseReadModelChange {
  row: CaseRow;
  tasks: TaskRow[];
  counters: CounterRow[];
}

/**
 * The read models' pure fold: the next `rm_cases` row for one event, plus the task rows and counter
 * increments it causes. Returns null for an event the row already contains (version guard), which is
 * what makes redelivery and a concurrent rebuild harmless.
 */
export function applyCaseEvent(previous: CaseRow | null, envelope: EventEnvelope): CaseReadModelChange | null {
  if (previous && envelope.version <= previous.version) return null;
  if ((previous?.version ?? 0) + 1 !== envelope.version) {
    throw new Error(`händelse ${envelope.id} har version ${envelope.version} men läsmodellen för ${envelope.aggregateId} står på ${previous?.version ?? 0}`);
  }
  const event = { type: envelope.type, data: envelope.data } as unknown as CaseEvent;
  const state = evolveCase(previous?.state ?? null, event);
  if (!state) throw new Error(`händelse ${envelope.type} gav inget ärende`);

  const openDeadlines = Object.values(state.deadlines).filter((d) => d.status === 'open');
  const nextDue = openDeadlines.map((d) => d.dueAt).sort()[0] ?? null;
  const reported = event.type === 'CaseReported' ? event.data : null;
  const row: CaseRow = {
    id: state.id,
    case_number: state.caseNumber,
    type: state.type,
    reported_type: state.reportedType,
    unit_id: state.unitId,
    stage: state.stage,
    channel: state.channel,
    unclassified: state.unclassified,
    category: state.category ?? null,
    reported_at: state.reportedAt,
    occurred_at: toTimestamp(state.occurredAt),
    reported_by: reported ? (reported.reporter.username ?? null) : (previous?.reported_by ?? null),
    assignee: state.assignee,
    description: reported ? reported.description : (previous?.description ?? null),
    next_due_at: nextDue,
    missed_deadlines: Object.values(state.deadlines).filter((d) => d.status === 'missed').length,
    version: envelope.version,
    closed_at: state.closedAt,
    state,
  };

  const taskRow = (taskId: string): TaskRow => {
    const task = state.tasks[taskId]!;
    return {
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
      status: task.status === 'open' ? 'open' : 'done',
      created_at: task.createdAt,
      completed_at: task.completedAt ?? null,
    };
  };
  let tasks: TaskRow[] = [];
  if (event.type === 'TaskCreated' || event.type === 'TaskCompleted') {
    if (state.tasks[event.data.taskId]) tasks = [taskRow(event.data.taskId)];
  } else if (event.type === 'CaseClassified') {
    tasks = Object.keys(state.tasks).map(taskRow);
  }

  const counters: CounterRow[] = [];
  const month = (iso: string) => {
    const parts = stockholmLocalParts(new Date(iso));
    return `${parts.year}-${String(parts.month).padStart(2, '0')}`;
  };
  if (event.type === 'CaseReported') {
    counters.push({ unit_id: state.unitId, type: state.reportedType, month: month(state.reportedAt), reported: 1, closed: 0, deadlines_missed: 0 });
  } else if (event.type === 'CaseClosed') {
    counters.push({ unit_id: state.unitId, type: state.type, month: month(envelope.occurredAt), reported: 0, closed: 1, deadlines_missed: 0 });
  } else if (event.type === 'DeadlineMissed') {
    counters.push({ unit_id: state.unitId, type: state.type, month: month(envelope.occurredAt), reported: 0, closed: 0, deadlines_missed: 1 });
  }
  return { row, tasks, counters };
}

/** `occurredAt` may be a bare date when that is all the reporter knew; store it as midnight UTC. */
function toTimestamp(value: string | undefined): string | null {
  if (!value) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}
