import type { CaseAggregateState } from '../cases/case-state';
import type { CaseEvent } from '../cases/case-events';
import { CASE_DEADLINE_KIND_LABELS } from '../cases/case-deadline-kind';
import { CASE_TASK_KIND_LABELS, type CaseTaskKind } from '../cases/case-task-kind';
import { CASE_TYPE_LABELS } from '../cases/case-type';
import { isRole } from '../organisation/roles';
import type { NoticeRecipient } from './notice-recipients';

export const CASE_NOTICE_KINDS = ['new_report', 'new_task', 'assignment', 'reminder', 'escalation'] as const;

export type CaseNoticeKind = (typeof CASE_NOTICE_KINDS)[number];

/**
 * One thing a person is told about a case, in the bell and by mail. Only the case number, its kind,
 * the task or deadline and its date: never the case's free text, so the same words may go by mail.
 */
export interface CaseNotice {
  readonly kind: CaseNoticeKind;
  readonly recipients: readonly NoticeRecipient[];
  readonly title: string;
  readonly body: string;
  /** The task the notice is about, so the bell opens the page where it is done. */
  readonly taskId?: string;
  readonly taskKind?: string;
}

const day = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "1 mars 2026", the day in Stockholm. */
export function noticeDate(iso: string): string {
  return day.format(new Date(iso));
}

/** Who investigates a new report of this type the day it comes in (SAS for lex Sarah, MAS for lex Maria). */
const NEW_REPORT_READERS: Readonly<Partial<Record<string, { role: string; law: string }>>> = {
  lex_sarah: { role: 'lex_sarah_investigator', law: 'lex Sarah' },
  lex_maria: { role: 'mas', law: 'lex Maria' },
};

/**
 * The notices a case event gives rise to, from the case as it stands after the event: a new lex Sarah
 * report to the SAS and a new lex Maria report to the MAS, a new task to its assignee or to every
 * holder of its role in the unit, an assignment to the new assignee, a reminder to those it names and
 * an escalation to the roles it went to. An escalation's own tasks are told as the escalation, and the
 * first task of a new lex Sarah or lex Maria report as the new report: once each.
 */
export function caseNoticesFor(event: CaseEvent, state: CaseAggregateState): CaseNotice[] {
  const number = state.caseNumber;
  const typeLabel = CASE_TYPE_LABELS[state.type];
  switch (event.type) {
    case 'CaseReported': {
      const reader = NEW_REPORT_READERS[event.data.type];
      if (!reader) return [];
      return [
        {
          kind: 'new_report',
          recipients: [{ role: reader.role, unitId: event.data.unitId }],
          title: `Ny rapport enligt ${reader.law}: ${number}`,
          body: `En ny rapport enligt ${reader.law} har kommit in (${number}). Öppna ärendet för att läsa den och ta ställning.`,
        },
      ];
    }
    case 'TaskCreated': {
      const task = event.data;
      if (task.kind === 'escalation') return [];
      // Receiving the report is the SAS's or MAS's first task: the news of the new report, told once.
      const reader = NEW_REPORT_READERS[state.reportedType];
      if (reader && task.kind === 'acknowledge' && task.assigneeRole === reader.role && !task.assignee)
        return [];
      const recipients: NoticeRecipient[] = task.assignee
        ? [{ username: task.assignee }]
        : task.assigneeRole
          ? [{ role: task.assigneeRole, unitId: task.unitId }]
          : [];
      if (recipients.length === 0) return [];
      const label = CASE_TASK_KIND_LABELS[task.kind as CaseTaskKind] ?? 'Uppgift';
      return [
        {
          kind: 'new_task',
          recipients,
          title: `Ny uppgift i ${number}: ${label}`,
          body: [
            `Du har en ny uppgift i ärende ${number} (${typeLabel}): ${label}.`,
            task.dueAt ? `Sista dag: ${noticeDate(task.dueAt)}.` : '',
          ]
            .filter(Boolean)
            .join(' '),
          taskId: task.taskId,
          taskKind: task.kind,
        },
      ];
    }
    case 'CaseAssigned': {
      if (event.data.assignee === event.data.by) return [];
      return [
        {
          kind: 'assignment',
          recipients: [{ username: event.data.assignee }],
          title: `Du är handläggare för ${number}`,
          body: `Ärende ${number} (${typeLabel}) har tilldelats dig.`,
        },
      ];
    }
    case 'DeadlineReminderSent': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (!deadline) return [];
      const label = CASE_DEADLINE_KIND_LABELS[deadline.kind];
      const due = noticeDate(deadline.dueAt);
      return [
        {
          kind: 'reminder',
          recipients: event.data.recipients,
          title:
            event.data.when === 'before'
              ? `Påminnelse: ${label} i ${number} senast ${due}`
              : `Påminnelse: ${label} i ${number} är försenad`,
          body:
            event.data.when === 'before'
              ? `Fristen för ${label.toLowerCase()} i ärende ${number} går ut ${due}.`
              : `Fristen för ${label.toLowerCase()} i ärende ${number} gick ut ${due}.`,
        },
      ];
    }
    case 'DeadlineMissed': {
      const deadline = state.deadlines[event.data.deadlineId];
      if (!deadline) return [];
      const recipients: NoticeRecipient[] = event.data.escalatedTo.map((to) =>
        isRole(to) ? { role: to, unitId: state.unitId } : { username: to },
      );
      if (recipients.length === 0) return [];
      const label = CASE_DEADLINE_KIND_LABELS[deadline.kind];
      return [
        {
          kind: 'escalation',
          recipients,
          title: `Eskalerat: ${label} i ${number}`,
          body: `Fristen för ${label.toLowerCase()} i ärende ${number} (${typeLabel}) gick ut ${noticeDate(deadline.dueAt)} och har eskalerats till dig.`,
        },
      ];
    }
    default:
      return [];
  }
}
