import type { CaseDeadlineKind } from '../case-deadline-kind';
import type { CaseTaskKind } from '../case-task-kind';
import { requiresDecision } from '../case-type';
import type { CaseType } from '../case-type';
import type { CaseFlowEvent } from './case-flow-event';
import {
  acknowledgeRoles,
  boardInformationRole,
  classifyRole,
  deadlineOwnerRoles,
  deadlinesAtReport,
  investigationDeadline,
  isOncePerCase,
  isPathDeadline,
} from './case-flow-paths';
import { DEADLINE_WORK, deadlineKindsMetBy, taskKindsDoneBy } from './deadline-work';
import { RECENT_EVENT_IDS, isActiveDeadline } from './case-flow-state';
import type { CaseFlowState, DeadlineTrack, TaskTrack } from './case-flow-state';

/**
 * Behaviour added after workflows were already running. Each is asked only at the point where the
 * behaviour differs; the workflow answers with `patched()` so that histories recorded before the
 * change replay with the old behaviour, and everything else gets the new one.
 */
export interface CaseFlowRules {
  /** After a reopen a new serious decision needs a new IVO notification (ADR 0009). */
  ivoReportPerDecision(): boolean;
  /** A reclassification cancels the superseded path's started deadlines with an event (ADR 0009). */
  cancelSupersededDeadlines(): boolean;
  /** A `decide` task for the delegate once the investigation is recorded (delegationsordning, R-15). */
  decideTask(): boolean;
  /** A data breach's 72-hour IMY deadline and the data protection officer's task (DL-14, api.md v1.1). */
  imyNotification(): boolean;
  /**
   * The answer deadlines (`response`, `external_response`) and their tasks, the answer mail to the
   * complainant and the outcome notice to a staff reporter (LC-4 step 7, DL-13, IMP-8; api.md v1.1).
   */
  caseAnswers(): boolean;
  /** The MAS's assessment, the information to the patient and to the nämnd as deadlines (DL-6, DL-7, DL-9). */
  statutorySteps(): boolean;
}

export const CURRENT_CASE_FLOW_RULES: CaseFlowRules = {
  ivoReportPerDecision: () => true,
  cancelSupersededDeadlines: () => true,
  decideTask: () => true,
  imyNotification: () => true,
  caseAnswers: () => true,
  statutorySteps: () => true,
};

/**
 * Folds one case event into the workflow's state: which deadlines and tasks are now wanted, met or
 * no longer followed. Deterministic and free of I/O — the workflow then asks its activities to make
 * the wanted things real (`pendingWork`). Mutates `state` in place (workflow state is one object).
 *
 * Returns false when the event was already applied (redelivery): dedupe by event id and version.
 */
export function applyCaseEvent(
  state: CaseFlowState,
  event: CaseFlowEvent,
  rules: CaseFlowRules = CURRENT_CASE_FLOW_RULES,
): boolean {
  if (event.version <= state.lastVersion || state.recentEventIds.includes(event.id)) return false;
  state.lastVersion = event.version;
  state.recentEventIds.push(event.id);
  if (state.recentEventIds.length > RECENT_EVENT_IDS)
    state.recentEventIds.splice(0, state.recentEventIds.length - RECENT_EVENT_IDS);
  if (!state.known && event.type !== 'CaseReported') return true;
  apply(state, event, rules);
  return true;
}

function apply(state: CaseFlowState, event: CaseFlowEvent, rules: CaseFlowRules): void {
  switch (event.type) {
    case 'CaseReported': {
      if (state.known) return;
      const { type, unitId, reportedAt, unclassified, awareAt, answerWanted, respondByDueAt, staffReporter } =
        event.data;
      Object.assign(state, {
        known: true,
        type,
        unitId,
        reportedAt,
        unclassified,
        roundStartedAt: reportedAt,
        ...(awareAt === undefined ? {} : { awareAt }),
        ...(answerWanted ? { answerWanted } : {}),
        ...(respondByDueAt === undefined ? {} : { respondByDueAt }),
        ...(staffReporter ? { staffReporter } : {}),
      });
      planReportPath(state, type, rules);
      const classifier = classifyRole(type, unclassified);
      if (classifier)
        wantTask(state, { key: `classify/${classifier}`, kind: 'classify', assigneeRole: classifier });
      return;
    }
    case 'CaseAcknowledged':
      state.acknowledged = true;
      meetWorkOf(state, event.type);
      return;
    case 'CaseAssigned': {
      const { assignee } = event.data;
      for (const task of Object.values(state.tasks)) {
        if (task.kind === 'investigate' && task.assignee !== assignee) closeTask(task);
      }
      state.assignee = assignee;
      wantInvestigateTask(state);
      // Only a case whose flow started `external_response` (behind `caseAnswers`) has a task to move.
      moveExternalResponseTask(state, assignee);
      return;
    }
    case 'CaseClassified': {
      const { fromType, toType, toUnitId, byMas } = event.data;
      if (toUnitId) state.unitId = toUnitId;
      state.unclassified = false;
      if (byMas) state.masClassified = true;
      for (const task of Object.values(state.tasks))
        if (task.kind === 'classify' && !awaitsMasClassification(state, task)) closeTask(task);
      if (toType !== fromType || toType !== state.type) reclassify(state, toType, rules);
      if (byMas) meetWorkOf(state, event.type);
      return;
    }
    case 'InvestigationRecorded':
      state.investigatedRound = state.round;
      meetWorkOf(state, event.type);
      if (state.type && requiresDecision(state.type) && !state.tasks[`task/decide/r${state.round}`]) {
        // Who decides comes from the delegationsordning in the policy (LC-6 S5, LC-8 step 1).
        if (rules.decideTask())
          wantTask(state, { key: `decide/r${state.round}`, kind: 'decide', delegatedDecision: true });
      }
      return;
    case 'CaseDecided': {
      state.decisions += 1;
      markDone(state, (task) => task.kind === 'decide');
      if (!event.data.requiresIvoReport) return;
      // Before ADR 0009 the domain took one IVO notification per case, even after a reopen.
      if (state.ivoReported && !rules.ivoReportPerDecision()) return;
      const key = `ivo_report/${state.decisions}`;
      wantDeadline(state, { key, kind: 'ivo_report', base: event.data.at });
      wantTask(state, {
        key: `report_to_ivo/${state.decisions}`,
        kind: 'report_to_ivo',
        assignee: event.data.by,
        deadlineKey: key,
      });
      return;
    }
    case 'BreachAssessed':
      if (event.data.notifiable) return;
      state.imyHandled = true;
      meetWorkOf(state, event.type);
      return;
    case 'ReportedToImy':
      state.imyHandled = true;
      meetWorkOf(state, event.type);
      return;
    case 'CaseResponded':
      state.responded = true;
      meetWorkOf(state, event.type);
      if (rules.caseAnswers()) wantNotice(state, 'answer', event.id);
      return;
    case 'ReportedToIvo': {
      state.ivoReported = true;
      meetWorkOf(state, event.type);
      if (!rules.statutorySteps() || !state.type) return;
      // The nämnd is informed at its next meeting (DL-6); the due date comes from its calendar.
      const key = `board_information/${state.decisions}`;
      wantDeadline(state, { key, kind: 'board_information', base: event.data.at });
      wantTask(state, {
        key: `inform_board/${state.decisions}`,
        kind: 'inform_board',
        assigneeRole: boardInformationRole(state.type),
        deadlineKey: key,
      });
      return;
    }
    case 'ActionAdded': {
      const { actionId, owner, dueAt, at } = event.data;
      if (state.actions[actionId]) return;
      state.actions[actionId] = { owner, status: 'open' };
      const key = `action/${actionId}`;
      wantDeadline(state, { key, kind: 'action', base: at, actionId, fixedDueAt: dueAt });
      wantTask(state, {
        key: `carry_out_action/${actionId}`,
        kind: 'carry_out_action',
        assignee: owner,
        deadlineKey: key,
        actionId,
      });
      return;
    }
    case 'ActionCompleted': {
      const { actionId, at } = event.data;
      const action = state.actions[actionId];
      if (action && action.status === 'open') action.status = 'completed';
      meetWorkOf(state, event.type, actionId);
      wantFollowUpWhenActionsDone(state, at);
      return;
    }
    case 'FollowUpRecorded':
      for (const id of event.data.actionIds) {
        const action = state.actions[id];
        if (action) action.status = 'followed_up';
      }
      meetWorkOf(state, event.type);
      return;
    case 'CaseClosed':
      state.closed = true;
      // The staff member who reported a deviation is told how it ended (IMP-8).
      if (isStaffReportedDeviation(state) && rules.caseAnswers()) wantNotice(state, 'outcome', event.id);
      for (const track of Object.values(state.deadlines)) {
        if (isActiveDeadline(track)) deactivate(track, 'case_closed');
        else if (track.status === 'cancelling') deactivate(track, 'path_changed');
      }
      // Closing completes every open task of the case (decideClose).
      for (const task of Object.values(state.tasks)) {
        if (task.status === 'wanted') task.status = 'inactive';
        else if (task.status === 'created' || task.status === 'closing') task.status = 'done';
      }
      return;
    case 'CaseReopened': {
      state.closed = false;
      state.round += 1;
      state.roundStartedAt = event.data.at;
      const kind = state.type ? investigationDeadline(state.type) : null;
      if (kind) wantDeadline(state, { key: `${kind}/r${state.round}`, kind, base: event.data.at });
      wantInvestigateTask(state);
      return;
    }
    case 'DeadlineMet': {
      const track = Object.values(state.deadlines).find((t) => t.deadlineId === event.data.deadlineId);
      if (track) meetTrack(state, track);
      return;
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function deadlineKey(state: CaseFlowState, kind: CaseDeadlineKind): string {
  return isOncePerCase(kind) ? kind : `${kind}/r${state.round}`;
}

/** Whether the work a deadline waits for is already done, so it need not start. */
function alreadySatisfied(state: CaseFlowState, kind: CaseDeadlineKind): boolean {
  const { metBy } = DEADLINE_WORK[kind];
  if (metBy.includes('CaseAcknowledged')) return state.acknowledged;
  if (metBy.includes('InvestigationRecorded')) return state.investigatedRound === state.round;
  if (metBy.includes('ReportedToImy')) return state.imyHandled === true;
  if (metBy.includes('CaseResponded')) return state.responded === true;
  if (kind === 'mas_classification') return state.masClassified === true;
  return false;
}

/** Starts (or resumes) the deadlines of the type's path for the current round. */
function planReportPath(state: CaseFlowState, type: CaseType, rules: CaseFlowRules): void {
  const roundBase = state.round === 0 ? state.reportedAt! : state.roundStartedAt!;
  for (const kind of deadlinesAtReport(type)) {
    if (state.round > 0 && isOncePerCase(kind)) continue;
    if (kind === 'imy_notification' && !rules.imyNotification()) continue;
    if (!answerDeadlineApplies(state, kind, rules)) continue;
    if ((kind === 'mas_classification' || kind === 'patient_information') && !rules.statutorySteps())
      continue;
    // The 72 hours to IMY count from when the organisation became aware (DL-14).
    const base = kind === 'imy_notification' ? (state.awareAt ?? state.reportedAt!) : roundBase;
    if (alreadySatisfied(state, kind)) continue;
    const key = deadlineKey(state, kind);
    const existing = state.deadlines[key];
    if (existing && existing.status === 'inactive' && existing.inactiveReason === 'path_changed') {
      if (existing.cancelled) {
        // Back on a path whose deadline was cancelled: a new deadline from the same base (same dueAt).
        wantDeadline(state, {
          key: resumedKey(state, key),
          kind,
          base: existing.base,
          ...(existing.fixedDueAt === undefined ? {} : { fixedDueAt: existing.fixedDueAt }),
        });
      } else {
        // Back on a path it was on: the same deadline (same id, same dueAt) is followed again.
        existing.status = 'wanted';
        delete existing.inactiveReason;
      }
    } else if (existing && existing.status === 'cancelling') {
      // Back before the cancellation was written: keep following it.
      existing.status = existing.deadlineId === undefined ? 'wanted' : 'open';
      delete existing.cancelToType;
    } else {
      wantDeadline(state, {
        key,
        kind,
        base,
        ...(kind === 'external_response' ? { fixedDueAt: state.respondByDueAt! } : {}),
      });
    }
  }
  if (!state.acknowledged && state.round === 0) {
    // The acknowledge task shows the due date of the deadline that acknowledging meets, if any.
    const deadline = deadlinesAtReport(type).find(
      (kind) => kind === 'acknowledgement' || kind === 'lex_sarah_first_response',
    );
    for (const role of acknowledgeRoles(type)) {
      wantTask(state, {
        key: `acknowledge/${role}`,
        kind: 'acknowledge',
        assigneeRole: role,
        ...(deadline ? { deadlineKey: deadline } : {}),
      });
    }
  }
  for (const kind of deadlinesAtReport(type)) {
    const deadline = state.deadlines[deadlineKey(state, kind)];
    if (!deadline || !isActiveDeadline(deadline)) continue;
    for (const role of deadlineOwnerRoles(kind))
      wantTask(state, {
        key: `${DEADLINE_WORK[kind].task}/${role}`,
        kind: DEADLINE_WORK[kind].task,
        assigneeRole: role,
        deadlineKey: deadline.key,
      });
  }
  wantInvestigateTask(state);
}

/**
 * A new type switches the path without losing elapsed time (LC-2: reportedAt is kept): deadlines of
 * the old path that the new one also has keep running with their dueAt; the new path's other
 * deadlines start from the original base; the old path's own deadlines are no longer followed.
 */
function reclassify(state: CaseFlowState, toType: CaseType, rules: CaseFlowRules): void {
  state.type = toType;
  const wanted = new Set(deadlinesAtReport(toType));
  for (const track of Object.values(state.deadlines)) {
    if (!isPathDeadline(track.kind) || !isActiveDeadline(track) || wanted.has(track.kind)) continue;
    if (track.status !== 'wanted' && track.deadlineId !== undefined && rules.cancelSupersededDeadlines()) {
      // ADR 0009: the case shows the superseded deadline as cancelled, not as open or still missed.
      track.status = 'cancelling';
      track.cancelToType = toType;
      delete track.nextEscalationAt;
    } else {
      deactivate(track, 'path_changed');
    }
  }
  planReportPath(state, toType, rules);
  const classifier = classifyRole(toType, false);
  if (classifier) {
    // An HSL deviation is classified by the MAS; a case reclassified *to* it from elsewhere already is.
    const task = state.tasks[`classify/${classifier}`];
    if (task && task.status === 'wanted') task.status = 'inactive';
  }
}

/** `response` only when the complainant wants an answer, `external_response` only with the issuer's date. */
function answerDeadlineApplies(state: CaseFlowState, kind: CaseDeadlineKind, rules: CaseFlowRules): boolean {
  if (kind === 'response') return state.answerWanted === true && rules.caseAnswers();
  if (kind === 'external_response') return state.respondByDueAt !== undefined && rules.caseAnswers();
  return true;
}

/** The issuer's answer is the director's until the case is assigned, then the assignee's (DL-13). */
function moveExternalResponseTask(state: CaseFlowState, assignee: string): void {
  const deadline = state.deadlines['external_response'];
  if (!deadline || !isActiveDeadline(deadline) || state.closed || state.responded) return;
  for (const task of Object.values(state.tasks))
    if (task.kind === 'respond' && task.assignee !== assignee) closeTask(task);
  wantTask(state, { key: `respond/${assignee}`, kind: 'respond', assignee, deadlineKey: deadline.key });
}

function isStaffReportedDeviation(state: CaseFlowState): boolean {
  return state.staffReporter === true && (state.type === 'deviation' || state.type === 'hsl_deviation');
}

function wantNotice(state: CaseFlowState, kind: 'answer' | 'outcome', eventId: string): void {
  const key = `${kind}/${eventId}`;
  state.notices ??= {};
  if (!state.notices[key]) state.notices[key] = { key, kind, eventId, status: 'wanted' };
}

/** The key of a deadline started again on a path whose earlier deadline was cancelled. */
function resumedKey(state: CaseFlowState, key: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${key}+${n}`;
    const track = state.deadlines[candidate];
    if (!track || !(track.status === 'inactive' && track.cancelled)) return candidate;
  }
}

/** The cancellation was written (or found): the deadline is no longer followed, nor its escalation tasks. */
export function cancelledTrack(state: CaseFlowState, track: DeadlineTrack): void {
  track.cancelled = true;
  delete track.cancelToType;
  deactivate(track, 'path_changed');
  markDone(state, (task) => task.kind === 'escalation' && task.deadlineKey === track.key);
}

/** The MAS's classify task stays while the MAS's own assessment is due (anyone may set a category). */
function awaitsMasClassification(state: CaseFlowState, task: TaskTrack): boolean {
  if (task.assigneeRole !== 'mas' || state.masClassified || task.deadlineKey === undefined) return false;
  const deadline = state.deadlines[task.deadlineKey];
  return deadline !== undefined && deadline.kind === 'mas_classification' && isActiveDeadline(deadline);
}

function wantInvestigateTask(state: CaseFlowState): void {
  if (!state.known || !state.assignee || state.closed || state.investigatedRound === state.round) return;
  const kind = state.type ? investigationDeadline(state.type) : null;
  const deadline = kind ? state.deadlines[deadlineKey(state, kind)] : undefined;
  wantTask(state, {
    key: `investigate/r${state.round}/${state.assignee}`,
    kind: 'investigate',
    assignee: state.assignee,
    ...(deadline && isActiveDeadline(deadline) ? { deadlineKey: deadline.key } : {}),
  });
}

/** The follow-up deadline starts once every action is done (DL-12), once per batch of actions. */
function wantFollowUpWhenActionsDone(state: CaseFlowState, at: string): void {
  const actions = Object.values(state.actions);
  if (actions.some((a) => a.status === 'open') || !actions.some((a) => a.status === 'completed')) return;
  if (Object.values(state.deadlines).some((t) => t.kind === 'follow_up' && isActiveDeadline(t))) return;
  state.followUps += 1;
  const key = `follow_up/${state.followUps}`;
  wantDeadline(state, { key, kind: 'follow_up', base: at });
  wantTask(state, {
    key: `follow_up/${state.followUps}`,
    kind: 'follow_up',
    assigneeRole: 'unit_manager',
    deadlineKey: key,
  });
}

function wantDeadline(
  state: CaseFlowState,
  spec: { key: string; kind: CaseDeadlineKind; base: string; actionId?: string; fixedDueAt?: string },
): void {
  if (state.deadlines[spec.key]) return;
  state.deadlines[spec.key] = { ...spec, status: 'wanted', reminderSent: false, escalationLevel: 0 };
}

function wantTask(
  state: CaseFlowState,
  spec: {
    key: string;
    kind: CaseTaskKind;
    assignee?: string;
    assigneeRole?: string;
    deadlineKey?: string;
    actionId?: string;
    delegatedDecision?: boolean;
  },
): void {
  const key = `task/${spec.key}`;
  if (state.tasks[key] || !state.unitId) return;
  state.tasks[key] = { ...spec, key, unitId: state.unitId, status: 'wanted' };
}

/** The work of this event meets its deadlines and completes its tasks (DEADLINE_WORK), for one action if given. */
function meetWorkOf(state: CaseFlowState, type: CaseFlowEvent['type'], actionId?: string): void {
  const kinds = deadlineKindsMetBy(type);
  const forAction = (item: { actionId?: string }) => actionId === undefined || item.actionId === actionId;
  for (const track of Object.values(state.deadlines))
    if (kinds.includes(track.kind) && forAction(track)) meetTrack(state, track);
  const tasks = taskKindsDoneBy(type);
  markDone(state, (task) => tasks.includes(task.kind) && forAction(task));
}

/** A deadline is met: stop following it, and close the escalation tasks it raised. */
export function meetTrack(state: CaseFlowState, track: DeadlineTrack): void {
  if (track.status === 'wanted') return deactivate(track, 'satisfied');
  if (track.status !== 'open' && track.status !== 'missed') return;
  track.status = 'met';
  delete track.nextEscalationAt;
  for (const task of Object.values(state.tasks)) {
    if (task.kind === 'escalation' && task.deadlineKey === track.key) closeTask(task);
  }
}

function deactivate(track: DeadlineTrack, reason: DeadlineTrack['inactiveReason']): void {
  track.status = 'inactive';
  track.inactiveReason = reason;
  delete track.nextEscalationAt;
}

/** The command that did the work completed these tasks itself (open-work.ts in the domain). */
function markDone(state: CaseFlowState, matches: (task: TaskTrack) => boolean): void {
  for (const task of Object.values(state.tasks)) {
    if (!matches(task)) continue;
    if (task.status === 'wanted') task.status = 'inactive';
    else if (task.status === 'created' || task.status === 'closing') task.status = 'done';
  }
}

/** Tasks no command completes: the workflow completes them. */
function closeTask(task: TaskTrack): void {
  if (task.status === 'wanted') task.status = 'inactive';
  else if (task.status === 'created') task.status = 'closing';
}
