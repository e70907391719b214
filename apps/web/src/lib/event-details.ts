import {
  CASE_DEADLINE_KIND_LABELS,
  CASE_LINK_RELATION_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_TASK_KIND_LABELS,
  CASE_TYPE_LABELS,
  type CaseDeadlineKind,
  type CaseLinkRelation,
  type CaseOutcome,
  type CaseTaskKind,
  type CaseType,
} from '@kvalitet/domain';
import { formatDateTime } from './format';
import { roleLabel } from './labels';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What the case knows about its deadlines and tasks, to name those that events refer to by id. */
export interface EventContext {
  deadlines: readonly { id: string; kind: string; dueAt: string }[];
  tasks: readonly { id: string; kind: string; assignee?: string; assigneeRole?: string }[];
  /** The person's name for a username (the user directory); the username when absent. */
  nameOf?: (username: string) => string;
}

/** One line of detail for an event in the case timeline ("who did what when" — the what). */
export function eventDetail(
  type: string,
  data: Record<string, unknown>,
  context: EventContext = { deadlines: [], tasks: [] },
): string {
  if (typeof data['deadlineId'] === 'string' && data['kind'] === undefined) {
    const deadline = context.deadlines.find((d) => d.id === data['deadlineId']);
    if (deadline)
      return eventDetail(
        type,
        { ...data, kind: deadline.kind, dueAt: data['dueAt'] ?? deadline.dueAt },
        context,
      );
  }
  if (typeof data['taskId'] === 'string' && data['kind'] === undefined) {
    const task = context.tasks.find((t) => t.id === data['taskId']);
    if (task)
      return eventDetail(
        type,
        { ...data, kind: task.kind, assignee: task.assignee, assigneeRole: task.assigneeRole },
        context,
      );
  }
  const person = (value: unknown) => (context.nameOf ?? str)(str(value));
  switch (type) {
    case 'CaseReported':
      return [CASE_TYPE_LABELS[data['type'] as CaseType], str(data['caseNumber'])]
        .filter(Boolean)
        .join(' · ');
    case 'CaseAcknowledged':
      return str(data['note']);
    case 'CaseAssigned':
      return `Till ${person(data['assignee'])}`;
    case 'CaseClassified': {
      const parts = [];
      if (data['type'] && data['previousType'] && data['type'] !== data['previousType'])
        parts.push(
          `${CASE_TYPE_LABELS[data['previousType'] as CaseType]} → ${CASE_TYPE_LABELS[data['type'] as CaseType]}`,
        );
      if (data['category'] === 'annat')
        parts.push(data['categoryText'] ? `kategori Annat: ${str(data['categoryText'])}` : 'kategori Annat');
      else if (data['category']) parts.push(`kategori ${str(data['category'])}`);
      if (data['rationale']) parts.push(str(data['rationale']));
      return parts.join(' · ');
    }
    case 'InvestigationRecorded':
      return str(data['summary']);
    case 'CaseDecided':
      return [CASE_OUTCOME_LABELS[data['outcome'] as CaseOutcome], str(data['rationale'])]
        .filter(Boolean)
        .join(' · ');
    case 'ReportedToIvo':
      return `IVO:s diarienummer ${str(data['ivoReference'])}`;
    case 'CaseLinked':
      return [
        CASE_LINK_RELATION_LABELS[data['relation'] as CaseLinkRelation] ?? str(data['relation']),
        str(data['caseNumber']),
        str(data['rationale']),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'ActionAdded':
      return `${str(data['title'])} · ansvarig ${person(data['owner'])} · senast ${formatDateTime(str(data['dueAt']))}`;
    case 'ActionCompleted':
      return str(data['result']);
    case 'FollowUpRecorded':
      return `${data['effective'] === true ? 'Avsedd effekt' : data['effective'] === false ? 'Ej avsedd effekt' : ''}${data['note'] ? ` · ${str(data['note'])}` : ''}`;
    case 'CaseClosed':
      return str(data['summary']);
    case 'CaseReopened':
      return str(data['reason']);
    case 'DeadlineStarted':
    case 'DeadlineMet':
    case 'DeadlineMissed':
    case 'DeadlineCancelled':
    case 'DeadlineReminderSent': {
      const kind = CASE_DEADLINE_KIND_LABELS[data['kind'] as CaseDeadlineKind] ?? str(data['kind']);
      return data['dueAt'] ? `${kind} · frist ${formatDateTime(str(data['dueAt']))}` : kind;
    }
    case 'TaskCreated':
    case 'TaskCompleted': {
      const kind = CASE_TASK_KIND_LABELS[data['kind'] as CaseTaskKind] ?? str(data['kind']);
      const who = data['assignee']
        ? person(data['assignee'])
        : data['assigneeRole']
          ? roleLabel(str(data['assigneeRole']))
          : '';
      return who ? `${kind} · ${who}` : kind;
    }
    default:
      return '';
  }
}
