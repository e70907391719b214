import { addEscalationTask, isActiveDeadline, meetTrack, pendingWork } from '@kvalitet/domain';
import type { CaseFlowState, DeadlineTrack } from '@kvalitet/domain';
import type { RecordDeadlineMissedResult } from './case-activities';

/**
 * What only time does to the case flow: which timers have fired, when to wake next, what a miss
 * means for the state. Deterministic; the workflow function only sequences these with activity
 * calls and timers. What events imply is planned in the domain (`pendingWork`).
 */

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
