import type { ApplyCaseWorkInput, ApplyCaseWorkResult, RecordDeadlineMissedResult } from './case-activities';
import { isActiveDeadline } from './case-flow-state';
import type { CaseFlowState, DeadlineTrack } from './case-flow-state';
import { cancelledTrack, meetTrack } from './apply-case-event';

/**
 * The bridge between the workflow's state and its activities: what must be written now, and what
 * the answers mean. Deterministic; the workflow function only sequences these with activity calls
 * and timers.
 */

/** What the next `applyCaseWork` call must do, or null when nothing is pending. */
export function pendingWork(state: CaseFlowState, at: string): ApplyCaseWorkInput | null {
  if (!state.known || state.closed) return null;
  const deadlines = Object.values(state.deadlines)
    .filter((track) => track.status === 'wanted')
    .map(({ key, kind, base, actionId, fixedDueAt }) => ({
      key,
      kind,
      base,
      ...(actionId === undefined ? {} : { actionId }),
      ...(fixedDueAt === undefined ? {} : { fixedDueAt }),
    }));
  const tasks = Object.values(state.tasks)
    .filter((task) => task.status === 'wanted')
    .map(({ key, kind, assignee, assigneeRole, unitId, deadlineKey, actionId, delegatedDecision }) => ({
      key,
      kind,
      unitId,
      ...(assignee === undefined ? {} : { assignee }),
      ...(assigneeRole === undefined ? {} : { assigneeRole }),
      ...(delegatedDecision ? { delegatedDecision } : {}),
      // Only link a deadline that exists or is started in the same call.
      ...(deadlineKey !== undefined && linkable(state.deadlines[deadlineKey]) ? { deadlineKey } : {}),
      ...(actionId === undefined ? {} : { actionId }),
    }));
  const completeTasks = Object.values(state.tasks)
    .filter((task) => task.status === 'closing')
    .map((task) => task.key);
  const cancelDeadlines = Object.values(state.deadlines)
    .filter((track) => track.status === 'cancelling' && track.deadlineId !== undefined)
    .map(({ key, deadlineId, cancelToType }) => ({
      key,
      deadlineId: deadlineId!,
      ...(cancelToType === undefined ? {} : { toType: cancelToType }),
    }));
  if (
    deadlines.length === 0 &&
    tasks.length === 0 &&
    completeTasks.length === 0 &&
    cancelDeadlines.length === 0
  )
    return null;
  return {
    caseId: state.caseId,
    at,
    deadlines,
    tasks,
    completeTasks,
    // Only sent when there is something to cancel, so inputs of earlier workflows stay as they were.
    ...(cancelDeadlines.length === 0 ? {} : { cancelDeadlines }),
  };
}

function linkable(track: DeadlineTrack | undefined): boolean {
  return track !== undefined && (track.deadlineId !== undefined || track.status === 'wanted');
}

export function applyWorkResult(state: CaseFlowState, result: ApplyCaseWorkResult): void {
  for (const outcome of result.cancellations ?? []) {
    const track = state.deadlines[outcome.key];
    if (!track || track.status !== 'cancelling') continue;
    if (outcome.outcome === 'cancelled') {
      cancelledTrack(state, track);
    } else {
      // Met before the cancellation could be written, closed, or refused: simply not followed.
      track.status = 'inactive';
      track.inactiveReason = outcome.outcome === 'case_closed' ? 'case_closed' : 'path_changed';
      delete track.cancelToType;
    }
  }
  for (const outcome of result.deadlines) {
    const track = state.deadlines[outcome.key];
    if (!track || track.status !== 'wanted') continue;
    if (outcome.outcome !== 'started') {
      track.status = 'inactive';
      track.inactiveReason = outcome.outcome === 'case_closed' ? 'case_closed' : outcome.outcome;
      continue;
    }
    track.deadlineId = outcome.deadlineId;
    track.dueAt = outcome.dueAt;
    track.policyVersion = outcome.policyVersion;
    if (outcome.reminderAt !== undefined) track.reminderAt = outcome.reminderAt;
    track.escalationLevel = outcome.escalationLevel;
    if (outcome.status === 'met') {
      track.status = 'met';
    } else if (outcome.status === 'missed') {
      track.status = 'missed';
      track.reminderSent = true;
      if (outcome.nextEscalationAt !== undefined) track.nextEscalationAt = outcome.nextEscalationAt;
      for (const task of outcome.escalationTasks ?? []) addEscalationTask(state, track, task);
    } else {
      track.status = 'open';
    }
  }
  for (const outcome of result.tasks) {
    const task = state.tasks[outcome.key];
    if (!task) continue;
    if (outcome.outcome === 'created' || outcome.outcome === 'done') {
      task.taskId = outcome.taskId;
      task.status = outcome.outcome;
    } else {
      task.status = outcome.outcome === 'not_found' ? 'done' : 'inactive';
    }
  }
}

export type DueStep = { readonly key: string; readonly step: 'remind' | 'miss' | 'escalate' };

/** The timers that have fired at `nowMs`, at most one per deadline. */
export function dueSteps(state: CaseFlowState, nowMs: number): DueStep[] {
  if (state.closed) return [];
  const steps: DueStep[] = [];
  for (const track of Object.values(state.deadlines)) {
    if (track.status === 'open' && track.dueAt !== undefined && Date.parse(track.dueAt) <= nowMs) {
      steps.push({ key: track.key, step: 'miss' });
    } else if (
      track.status === 'open' &&
      !track.reminderSent &&
      track.reminderAt !== undefined &&
      Date.parse(track.reminderAt) <= nowMs
    ) {
      steps.push({ key: track.key, step: 'remind' });
    } else if (
      track.status === 'missed' &&
      track.nextEscalationAt !== undefined &&
      Date.parse(track.nextEscalationAt) <= nowMs
    ) {
      steps.push({ key: track.key, step: 'escalate' });
    }
  }
  return steps;
}

/** When the workflow must wake up next without a signal, or null when it only waits for events. */
export function nextWakeAt(state: CaseFlowState): number | null {
  if (state.closed) return null;
  let next: number | null = null;
  const consider = (iso: string | undefined) => {
    if (iso === undefined) return;
    const ms = Date.parse(iso);
    if (next === null || ms < next) next = ms;
  };
  for (const track of Object.values(state.deadlines)) {
    if (track.status === 'open') {
      consider(track.dueAt);
      if (!track.reminderSent) consider(track.reminderAt);
    } else if (track.status === 'missed') {
      consider(track.nextEscalationAt);
    }
  }
  return next;
}

export function applyMissResult(
  state: CaseFlowState,
  track: DeadlineTrack,
  level: number,
  result: RecordDeadlineMissedResult,
): void {
  if (!isActiveDeadline(track)) return;
  track.status = 'missed';
  track.reminderSent = true;
  track.escalationLevel = level;
  track.nextEscalationAt = result.nextEscalationAt;
  for (const task of result.tasks) addEscalationTask(state, track, task);
}

function addEscalationTask(
  state: CaseFlowState,
  track: DeadlineTrack,
  task: { key: string; role: string; taskId: string },
): void {
  if (state.tasks[task.key]) return;
  state.tasks[task.key] = {
    key: task.key,
    kind: 'escalation',
    assigneeRole: task.role,
    unitId: state.unitId ?? '',
    deadlineKey: track.key,
    status: 'created',
    taskId: task.taskId,
  };
}

/** A miss refused with DeadlineAlreadyMet: a person met it first. */
export function applyAlreadyMet(state: CaseFlowState, track: DeadlineTrack): void {
  meetTrack(state, track);
}

/** Is there something to write or a timer due at `nowMs`? */
export function hasWork(state: CaseFlowState, nowMs: number): boolean {
  return pendingWork(state, new Date(nowMs).toISOString()) !== null || dueSteps(state, nowMs).length > 0;
}

/** A compact status for queries and logs. */
export function describeCaseFlow(state: CaseFlowState) {
  return {
    caseId: state.caseId,
    type: state.type,
    closed: state.closed,
    round: state.round,
    runs: state.runs,
    lastVersion: state.lastVersion,
    deadlines: Object.values(state.deadlines).map((t) => ({
      key: t.key,
      kind: t.kind,
      status: t.status,
      ...(t.inactiveReason ? { inactiveReason: t.inactiveReason } : {}),
      ...(t.deadlineId ? { deadlineId: t.deadlineId } : {}),
      ...(t.dueAt ? { dueAt: t.dueAt } : {}),
      ...(t.policyVersion !== undefined ? { policyVersion: t.policyVersion } : {}),
      escalationLevel: t.escalationLevel,
      ...(t.nextEscalationAt ? { nextEscalationAt: t.nextEscalationAt } : {}),
      reminderSent: t.reminderSent,
    })),
    tasks: Object.values(state.tasks).map((t) => ({
      key: t.key,
      kind: t.kind,
      status: t.status,
      ...(t.taskId ? { taskId: t.taskId } : {}),
      ...(t.assignee ? { assignee: t.assignee } : {}),
      ...(t.assigneeRole ? { assigneeRole: t.assigneeRole } : {}),
    })),
  };
}

export type CaseFlowStatus = ReturnType<typeof describeCaseFlow>;
