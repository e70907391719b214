import type { NoticeRecipient } from './notice-recipients';

/**
 * A new task of a risk assessment or of improvement work, told to whoever holds it (issue 21,
 * "Notifications"): the person it is assigned to, or everyone holding the role in the unit. Like
 * the case notices, only the reference, the kind of task and a link — never the text of the work.
 */
export interface WorkTaskNotice {
  /** A risk action's escalation (DL-15) is an escalation to the role it went to, not a new task. */
  readonly kind: 'new_task' | 'escalation';
  readonly title: string;
  readonly body: string;
  readonly path: string;
  readonly recipients: readonly NoticeRecipient[];
  readonly taskId: string;
  readonly taskKind: string;
}

export const WORK_TASK_CREATED_EVENTS = ['ImprovementTaskCreated', 'RiskTaskCreated'] as const;

const WORK_TASK_LABELS: Readonly<Record<string, string>> = {
  consider_risk_assessment: 'Överväg riskanalys',
  carry_out_risk_action: 'Genomför åtgärd från riskanalys',
  risk_escalation: 'Eskalerat: riskanalys',
  assess_improvement_proposal: 'Bedöm förbättringsförslag',
  implement_improvement: 'Genomför förbättring',
  follow_up_improvement_effect: 'Följ upp förbättringens effekt',
  improvement_feedback: 'Läs återkopplingen på ditt förslag',
  check_lesson: 'Pröva lärdom i den egna enheten',
};

interface WorkTaskData {
  readonly taskId?: unknown;
  readonly kind?: unknown;
  readonly assignee?: unknown;
  readonly assigneeRole?: unknown;
  readonly unitId?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The notice of one event of a risk assessment or improvement stream; null for every other event. */
export function workTaskNoticeFor(
  event: { readonly type: string; readonly data: WorkTaskData },
  source: { readonly aggregateType: string; readonly id: string; readonly reference: string },
): WorkTaskNotice | null {
  if (!(WORK_TASK_CREATED_EVENTS as readonly string[]).includes(event.type)) return null;
  const taskId = text(event.data.taskId);
  const taskKind = text(event.data.kind);
  const unitId = text(event.data.unitId);
  if (!taskId || !taskKind || !unitId) return null;
  const assignee = text(event.data.assignee);
  const role = text(event.data.assigneeRole);
  const recipients: NoticeRecipient[] = assignee ? [{ username: assignee }] : role ? [{ role, unitId }] : [];
  if (recipients.length === 0) return null;
  const label = WORK_TASK_LABELS[taskKind] ?? 'Ny uppgift';
  const id = encodeURIComponent(source.id);
  const path =
    source.aggregateType === 'risk_assessment'
      ? `/riskanalyser/${id}`
      : `/forbattringar/${id}${taskKind === 'check_lesson' ? '?typ=lardom' : ''}`;
  if (taskKind === 'risk_escalation')
    return {
      kind: 'escalation',
      title: `Eskalerat till dig: åtgärd i riskanalys ${source.reference}`,
      body: `En åtgärd i riskanalys ${source.reference} har inte blivit genomförd i tid och har eskalerats till dig.`,
      path,
      recipients,
      taskId,
      taskKind,
    };
  return {
    kind: 'new_task',
    title: `${label}: ${source.reference}`,
    body: `Du har fått en ny uppgift: ${label.toLocaleLowerCase('sv-SE')} (${source.reference}).`,
    path,
    recipients,
    taskId,
    taskKind,
  };
}
