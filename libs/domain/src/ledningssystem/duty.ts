import { addPolicyDuration } from '../policy/add-policy-duration';
import type { PolicyDuration } from '../policy/deadline-policy';

/**
 * A duty: something someone must do by a date — revise a routine (PR-5, DL-32), carry out an
 * egenkontroll (EK-3, DL-26), inform an employee about lex Sarah (DL-29), hold the March review
 * (DL-24, REP-13), a step of the internkontroll cycle (IK-2, DL-25). Every register derives its
 * pending duties from its state; the same planner turns them into tasks ahead of time and into
 * escalations up the policy's chain when they lapse, so the rule is written once.
 */
export interface Duty {
  /** Stable within the aggregate, e.g. `revision/2027-02-01` or `control/<id>/2026-Q1`. */
  readonly key: string;
  readonly kind: DutyKind;
  /** Swedish, shown in the inbox. */
  readonly title: string;
  readonly dueAt: string;
  /** The person who must do it, or a role within `unitId`. */
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  /** Board-level duties name their escalation roles (the line chain has nobody at the board level). */
  readonly escalateTo?: readonly string[];
}

export const DUTY_KINDS = [
  'routine_revision',
  'egenkontroll_control',
  'egenkontroll_action',
  'lex_sarah_information',
  'ledningssystem_review',
  'internkontroll_step',
  'appointment_missing',
  'appointment_renewal',
  'internkontroll_control',
  'arshjul_item',
  'risk_observation_triage',
] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Task kinds in the inbox: the duty itself, and the escalation of a lapsed one. */
export const LEDNINGSSYSTEM_TASK_KINDS = [
  ...DUTY_KINDS,
  ...DUTY_KINDS.map((k) => `${k}_escalation` as const),
] as const;
export type LedningssystemTaskKind = (typeof LEDNINGSSYSTEM_TASK_KINDS)[number];

/** A task written for a duty (a row of the inbox). Level 0 is the duty itself; level n the n-th escalation. */
export interface LsTask {
  readonly id: string;
  readonly dutyKey: string;
  readonly kind: LedningssystemTaskKind;
  readonly title: string;
  readonly level: number;
  readonly assignee: string | null;
  readonly assigneeRole: string | null;
  readonly unitId: string;
  readonly dueAt: string;
  readonly status: 'open' | 'done';
  readonly createdAt: string;
  readonly completedAt: string | null;
}

/**
 * The timing rules, from the versioned deadline policy (extra keys, DL-0) with these defaults:
 * notice ahead of the due date per duty kind (DL-32: revision alert 60 days ahead), the interval
 * between escalation steps, and the escalation chain of roles.
 */
export interface DutyTimings {
  readonly noticeBefore: Readonly<Record<DutyKind, PolicyDuration>>;
  readonly escalationRepeat: PolicyDuration;
  readonly escalationChain: readonly string[];
}

export const DEFAULT_DUTY_NOTICE: Readonly<Record<DutyKind, PolicyDuration>> = {
  routine_revision: 'P60D',
  egenkontroll_control: 'P30D',
  egenkontroll_action: 'P7D',
  lex_sarah_information: 'P30D',
  ledningssystem_review: 'P30D',
  internkontroll_step: 'P30D',
  appointment_missing: 'PT0S',
  appointment_renewal: 'P30D',
  internkontroll_control: 'P30D',
  arshjul_item: 'P30D',
  // The triage task opens as soon as the observation is reported (its whole window, RISK_OBSERVATION_TRIAGE_WITHIN).
  risk_observation_triage: 'P14D',
};

/** Policy keys that override the defaults, e.g. `routine_revision_notice: "P60D"`. */
export const DUTY_POLICY_KEYS = {
  notice: (kind: DutyKind) => `${kind}_notice`,
  escalationRepeat: 'ledningssystem_escalation_repeat',
} as const;

export const DEFAULT_DUTY_ESCALATION_REPEAT: PolicyDuration = 'P7D';

/** The timings of a policy document: its extra keys where present, the defaults elsewhere. */
export function dutyTimingsFromPolicy(policy: {
  readonly deadlines: Readonly<Record<string, PolicyDuration>>;
  readonly escalationChain: readonly string[];
}): DutyTimings {
  const noticeBefore = Object.fromEntries(
    Object.entries(DEFAULT_DUTY_NOTICE).map(([kind, fallback]) => [
      kind,
      policy.deadlines[DUTY_POLICY_KEYS.notice(kind as DutyKind)] ?? fallback,
    ]),
  ) as Record<DutyKind, PolicyDuration>;
  return {
    noticeBefore,
    escalationRepeat: policy.deadlines[DUTY_POLICY_KEYS.escalationRepeat] ?? DEFAULT_DUTY_ESCALATION_REPEAT,
    escalationChain: [...policy.escalationChain],
  };
}

export interface DutyStep {
  readonly task: LsTask;
}

export interface DutyPlan {
  readonly tasks: LsTask[];
  /** When something next becomes due (a notice or an escalation), or null if nothing will. */
  readonly nextWakeAt: string | null;
}

function negate(duration: PolicyDuration): PolicyDuration {
  if (typeof duration === 'string') return duration.startsWith('-') ? duration.slice(1) : `-${duration}`;
  return { workingDays: -duration.workingDays };
}

export function noticeAtOf(duty: Duty, timings: DutyTimings): Date {
  const lead = timings.noticeBefore[duty.kind];
  return lead === 'PT0S' ? new Date(duty.dueAt) : addPolicyDuration(new Date(duty.dueAt), negate(lead));
}

/** The roles a lapsed duty escalates to, in order: the chain after the assignee's own role. */
export function escalationTargets(duty: Duty, chain: readonly string[]): string[] {
  if (duty.escalateTo) return [...duty.escalateTo];
  const own = duty.assigneeRole ? chain.indexOf(duty.assigneeRole) : -1;
  return chain.slice(own + 1);
}

/**
 * What is due at `at`: a task for each pending duty whose notice time has come and that has none;
 * an escalation for each lapsed duty, one level up the chain at the due date and then every
 * `escalationRepeat`, until the top of the chain. `newId(dutyKey, level)` names the task (the caller
 * derives it from the workflow and step, so a retry writes the same ids).
 */
export function planDuties(
  duties: readonly Duty[],
  existing: readonly LsTask[],
  at: Date,
  timings: DutyTimings,
  newId: (dutyKey: string, level: number) => string,
): DutyPlan {
  const now = at.getTime();
  const tasks: LsTask[] = [];
  const wakes: number[] = [];
  for (const duty of duties) {
    const own = existing.filter((t) => t.dutyKey === duty.key);
    const base = {
      dutyKey: duty.key,
      unitId: duty.unitId,
      dueAt: duty.dueAt,
      status: 'open' as const,
      createdAt: at.toISOString(),
      completedAt: null,
    };
    const noticeAt = noticeAtOf(duty, timings).getTime();
    if (!own.some((t) => t.level === 0)) {
      if (now >= noticeAt)
        tasks.push({
          ...base,
          id: newId(duty.key, 0),
          kind: duty.kind,
          title: duty.title,
          level: 0,
          assignee: duty.assignee ?? null,
          assigneeRole: duty.assignee ? null : (duty.assigneeRole ?? null),
        });
      else wakes.push(noticeAt);
    }
    const targets = escalationTargets(duty, timings.escalationChain);
    const escalations = own.filter((t) => t.level > 0).sort((a, b) => a.level - b.level);
    const level = escalations.length;
    if (level >= targets.length) continue;
    const last = escalations[escalations.length - 1];
    const nextAt = last
      ? addPolicyDuration(new Date(last.createdAt), timings.escalationRepeat).getTime()
      : new Date(duty.dueAt).getTime();
    if (now >= nextAt) {
      tasks.push({
        ...base,
        id: newId(duty.key, level + 1),
        kind: `${duty.kind}_escalation`,
        title: `Eskalerat: ${duty.title}`,
        level: level + 1,
        assignee: null,
        assigneeRole: targets[level]!,
      });
      if (level + 1 < targets.length) wakes.push(addPolicyDuration(at, timings.escalationRepeat).getTime());
    } else wakes.push(nextAt);
  }
  const next = wakes.length > 0 ? Math.min(...wakes) : null;
  return { tasks, nextWakeAt: next === null ? null : new Date(next).toISOString() };
}

/** Marks the open tasks of duties that are no longer pending as done (the work was recorded at `at`). */
export function settleTasks(tasks: readonly LsTask[], pending: readonly Duty[], at: string): LsTask[] {
  const keys = new Set(pending.map((d) => d.key));
  return tasks.map((t) =>
    t.status === 'open' && !keys.has(t.dutyKey) ? { ...t, status: 'done', completedAt: at } : t,
  );
}
