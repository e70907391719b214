import type { ApplyCaseWorkInput, ApplyCaseWorkResult } from './case-work';
import type { CaseFlowState, CaseNoticeTrack, DeadlineTrack } from './case-flow-state';
import { cancelledTrack } from './apply-case-event';

/**
 * The bridge between the case flow's state and what is written: the deadlines and tasks its events
 * imply that are not yet known to be written, and what the writer's answers mean. Deterministic. Used
 * by the command that implies the work (in its own transaction) and by the case workflow's activity.
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

/** The notices the flow still owes (the answer mail, the outcome notice), closed case or not. */
export function pendingNotices(state: CaseFlowState): CaseNoticeTrack[] {
  return Object.values(state.notices ?? {}).filter((notice) => notice.status === 'wanted');
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

export function addEscalationTask(
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
