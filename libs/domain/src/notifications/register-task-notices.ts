import type { LsTask } from '../ledningssystem/duty';
import type { NoticeRecipient } from './notice-recipients';

/**
 * A task a register opened for a duty (`DutyTasksOpened`: a routine revision, an egenkontroll, an
 * appointment, lex Sarah information, the March review, an internkontroll step …) told to whoever
 * holds it (issue 21, "Notifications"). Level 0 is the duty itself, a higher level its escalation
 * to the next role of the chain (DL-15), so an escalation reaches the role it went to. Only the
 * kind of task, the due day and a link: never the duty's title, which may name the routine, the
 * control or the person.
 */
export interface RegisterTaskNotice {
  readonly kind: 'new_task' | 'escalation';
  readonly title: string;
  readonly body: string;
  readonly path: string;
  readonly recipients: readonly NoticeRecipient[];
  readonly taskId: string;
  readonly taskKind: string;
}

export const REGISTER_TASKS_OPENED_EVENT = 'DutyTasksOpened';

const DUTY_LABELS: Readonly<Record<string, string>> = {
  routine_revision: 'Revidera rutin eller process',
  egenkontroll_control: 'Genomför egenkontroll',
  egenkontroll_action: 'Genomför åtgärd efter egenkontroll',
  lex_sarah_information: 'Informera om lex Sarah',
  ledningssystem_review: 'Årlig genomgång av ledningssystemet',
  internkontroll_step: 'Steg i internkontrollen',
  appointment_missing: 'Förordnande saknas',
  appointment_renewal: 'Förnya förordnande',
  internkontroll_control: 'Genomför internkontroll',
  arshjul_item: 'Uppgift i årshjulet',
  risk_observation_triage: 'Ta ställning till riskobservation',
};

const dayInStockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Where the task is done; the same pages as the inbox's links (`taskHref` in the web). */
export function registerTaskPath(
  aggregateType: string,
  aggregateId: string,
  task: { id: string; kind: string },
): string {
  const id = encodeURIComponent(aggregateId);
  switch (aggregateType) {
    case 'routine':
      return `/ledningssystem/rutiner/${id}`;
    case 'egenkontroll':
    case 'internkontroll':
      return `/ledningssystem/${aggregateType}/${id}?uppgift=${encodeURIComponent(task.id)}`;
    case 'appointment':
      return '/ledningssystem/forordnanden';
    case 'training':
      return `/ledningssystem/utbildning?person=${id}`;
    case 'arshjul':
      return `/ledningssystem/arshjul?plan=${id}`;
    case 'risk_observation':
      return `/ledningssystem/riskobservationer?observation=${id}`;
    case 'event_analysis':
      return `/ledningssystem/handelseanalyser/${id}`;
    case 'ej_verkstallt_beslut':
      return '/ledningssystem/ej-verkstallda-beslut';
    case 'ledningssystem':
      return task.kind.startsWith('ledningssystem_review')
        ? '/ledningssystem/arlig-genomgang'
        : '/ledningssystem/dokument';
    default:
      return '/ledningssystem';
  }
}

/** The notices of one register event: one per task a `DutyTasksOpened` opens; none for every other event. */
export function registerTaskNoticesFor(
  event: { readonly type: string; readonly data: unknown },
  source: { readonly aggregateType: string; readonly id: string },
): RegisterTaskNotice[] {
  if (event.type !== REGISTER_TASKS_OPENED_EVENT) return [];
  const tasks = (event.data as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(tasks)) return [];
  const notices: RegisterTaskNotice[] = [];
  for (const task of tasks as Partial<Record<keyof LsTask, unknown>>[]) {
    const taskId = text(task.id);
    const taskKind = text(task.kind);
    const unitId = text(task.unitId);
    if (!taskId || !taskKind || !unitId) continue;
    const assignee = text(task.assignee);
    const role = text(task.assigneeRole);
    const recipients: NoticeRecipient[] = assignee
      ? [{ username: assignee }]
      : role
        ? [{ role, unitId }]
        : [];
    if (recipients.length === 0) continue;
    const escalated = typeof task.level === 'number' && task.level > 0;
    const label = DUTY_LABELS[taskKind.replace(/_escalation$/, '')] ?? 'Uppgift i ledningssystemet';
    const dueAt = text(task.dueAt);
    const due =
      dueAt && !Number.isNaN(Date.parse(dueAt)) ? dayInStockholm.format(new Date(dueAt)) : undefined;
    // Only the first letter: "lex Sarah" keeps its capital.
    const what = `${label.charAt(0).toLocaleLowerCase('sv-SE')}${label.slice(1)}`;
    notices.push({
      kind: escalated ? 'escalation' : 'new_task',
      title: escalated ? `Eskalerat till dig: ${what}` : label,
      body: escalated
        ? `En uppgift har inte blivit gjord i tid och har eskalerats till dig: ${what}${due ? ` (skulle ha varit klar ${due})` : ''}.`
        : `Du har fått en ny uppgift: ${what}${due ? `, senast ${due}` : ''}.`,
      path: registerTaskPath(source.aggregateType, source.id, { id: taskId, kind: taskKind }),
      recipients,
      taskId,
      taskKind,
    });
  }
  return notices;
}
