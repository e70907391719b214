import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { activityFailureType } from '../support/activity-failure-type';
import { WakeTimer, nowIso } from '../support/wake-timer';
import { CASE_EVENTS_SIGNAL, CASE_WORKFLOW_STATUS_QUERY } from '@kvalitet/contracts';
import type { CaseEventsSignal, CaseWorkflowEvent, CaseWorkflowStart } from '@kvalitet/contracts';
import {
  acknowledgeRoles,
  applyCaseEvent,
  applyWorkResult,
  initialCaseFlowState,
  isActiveDeadline,
  pendingNotices,
  pendingWork,
} from '@kvalitet/domain';
import type { CaseFlowRules, CaseFlowState, CaseNoticeTrack, DeadlineTrack } from '@kvalitet/domain';
import { CASE_ACTIVITY_ERRORS, NON_RETRYABLE_CASE_ERRORS } from './case-activities';
import type { CaseActivities, ReminderRecipient } from './case-activities';
import { applyAlreadyMet, applyMissResult, describeCaseFlow, dueSteps, nextWakeAt } from './case-flow-work';
import type { CaseFlowStatus, DueStep } from './case-flow-work';

export const caseEventsSignal = defineSignal<[CaseEventsSignal]>(CASE_EVENTS_SIGNAL);
export const caseWorkflowStatusQuery = defineQuery<CaseFlowStatus>(CASE_WORKFLOW_STATUS_QUERY);

export interface CaseWorkflowInput extends CaseWorkflowStart {
  /** State carried over by continue-as-new. */
  readonly carried?: CaseFlowState;
}

export interface CaseWorkflowResult {
  readonly caseId: string;
  readonly outcome: 'closed' | 'case_not_found';
  readonly runs: number;
}

export const DEFAULT_HISTORY_LIMIT = 1000;

/** Patch ids of behaviour changed after histories were recorded (see `CaseFlowRules`). */
export const CASE_WORKFLOW_PATCHES = {
  ivoReportPerDecision: 'adr-0009-ivo-report-per-decision',
  cancelSupersededDeadlines: 'adr-0009-cancel-superseded-deadlines',
  decideTask: 'decide-task-from-delegation',
  imyNotification: 'data-breach-imy-notification',
  statutorySteps: 'statutory-steps-mas-patient-board',
  caseAnswers: 'case-answers-response-and-notices',
} as const;

const rules: CaseFlowRules = {
  ivoReportPerDecision: () => patched(CASE_WORKFLOW_PATCHES.ivoReportPerDecision),
  cancelSupersededDeadlines: () => patched(CASE_WORKFLOW_PATCHES.cancelSupersededDeadlines),
  decideTask: () => patched(CASE_WORKFLOW_PATCHES.decideTask),
  imyNotification: () => patched(CASE_WORKFLOW_PATCHES.imyNotification),
  statutorySteps: () => patched(CASE_WORKFLOW_PATCHES.statutorySteps),
  caseAnswers: () => patched(CASE_WORKFLOW_PATCHES.caseAnswers),
};

// Unlimited attempts: a database or network outage delays a deadline, it never drops one. Business
// refusals are named and not retried (see CASE_ACTIVITY_ERRORS). The activities are a few short
// transactions, so a short start-to-close timeout lets a step lost with a crashed worker be retried
// soon after (the step ids make the retry harmless).
const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_CASE_ERRORS,
  },
});

/**
 * One workflow per case (`case-<caseId>`), the process manager of its deadlines and tasks. It is
 * started or signalled by the orchestrator with the case's events; it folds them into its state
 * (`applyCaseEvent`), lets activities write the deadlines and tasks that follow, and keeps one timer
 * for the nearest reminder, due date or escalation. A miss is recorded and escalated one level up
 * the chain, then again every `escalation_repeat`, until the deadline is met or the case closes.
 * It completes when the case closes; a reopen starts a new run that rebuilds its state from the
 * event store. Long-lived cases continue as new before the history grows large.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowResult> {
  const state = input.carried ?? initialCaseFlowState(input.caseId);
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const inbox: CaseWorkflowEvent[] = [];
  setHandler(caseEventsSignal, ({ events }) => {
    inbox.push(...events);
  });
  setHandler(caseWorkflowStatusQuery, () => describeCaseFlow(state));
  const timer = new WakeTimer();

  for (;;) {
    if (inbox.length > 0) {
      const found = await absorb(state, inbox.splice(0));
      if (!found) return { caseId: state.caseId, outcome: 'case_not_found', runs: state.runs };
      continue;
    }
    const work = pendingWork(state, nowIso());
    if (work) {
      await applyWork(state, work);
      continue;
    }
    const notices = pendingNotices(state);
    if (notices.length > 0) {
      await Promise.all(notices.map((notice) => sendNotice(state, notice)));
      continue;
    }
    const steps = dueSteps(state, Date.now());
    if (steps.length > 0) {
      await Promise.all(steps.map((step) => runDueStep(state, step)));
      continue;
    }
    if (state.known && state.closed) {
      timer.cancel();
      return { caseId: state.caseId, outcome: 'closed', runs: state.runs };
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      await condition(allHandlersFinished);
      if (inbox.length === 0) {
        state.runs += 1;
        return continueAsNew<typeof caseWorkflow>({
          caseId: state.caseId,
          carried: state,
          ...(input.historyLimit === undefined ? {} : { historyLimit: input.historyLimit }),
        });
      }
      continue;
    }
    timer.set(nextWakeAt(state));
    await condition(() => inbox.length > 0 || timer.fired);
  }
}

/**
 * Applies a batch of events. A run that starts in the middle of a case's life (a reopen after the
 * previous run completed, or a case from before the orchestrator) first rebuilds its state from the
 * case's history. Returns false when the case does not exist.
 */
async function absorb(state: CaseFlowState, batch: CaseWorkflowEvent[]): Promise<boolean> {
  batch.sort((a, b) => a.version - b.version);
  const first = batch.find((event) => event.version > state.lastVersion);
  if (!state.known && first && first.type !== 'CaseReported') {
    const history = await activities.loadCaseEvents({ caseId: state.caseId });
    if (history.length === 0) {
      log.warn('case not found in the event store', { caseId: state.caseId });
      return false;
    }
    for (const event of history) applyCaseEvent(state, event, rules);
  }
  for (const event of batch) applyCaseEvent(state, event, rules);
  return true;
}

async function applyWork(
  state: CaseFlowState,
  work: NonNullable<ReturnType<typeof pendingWork>>,
): Promise<void> {
  try {
    applyWorkResult(state, await activities.applyCaseWork(work));
  } catch (error) {
    const type = activityFailureType(error);
    log.error('case work refused; the steps are dropped', {
      caseId: state.caseId,
      type,
      error: String(error),
    });
    for (const { key } of work.deadlines) {
      const track = state.deadlines[key];
      if (track && track.status === 'wanted')
        Object.assign(track, { status: 'inactive', inactiveReason: 'refused' });
    }
    for (const { key } of work.tasks) {
      const task = state.tasks[key];
      if (task && task.status === 'wanted') task.status = 'inactive';
    }
    for (const key of work.completeTasks) {
      const task = state.tasks[key];
      if (task && task.status === 'closing') task.status = 'done';
    }
    for (const { key } of work.cancelDeadlines ?? []) {
      const track = state.deadlines[key];
      if (track && track.status === 'cancelling')
        Object.assign(track, { status: 'inactive', inactiveReason: 'refused' });
    }
  }
}

/** The answer mail and the outcome notice; sent before a closed case's run ends (IMP-8, LC-4 step 7). */
async function sendNotice(state: CaseFlowState, notice: CaseNoticeTrack): Promise<void> {
  try {
    await activities.sendCaseNotice({ caseId: state.caseId, kind: notice.kind, eventId: notice.eventId });
  } catch (error) {
    log.error('case notice refused; it is not sent', {
      caseId: state.caseId,
      key: notice.key,
      type: activityFailureType(error),
      error: String(error),
    });
  }
  notice.status = 'sent';
}

async function runDueStep(state: CaseFlowState, { key, step }: DueStep): Promise<void> {
  const track = state.deadlines[key];
  if (!track || !isActiveDeadline(track) || track.deadlineId === undefined || track.dueAt === undefined)
    return;
  if (step === 'remind') {
    await activities.sendDeadlineReminder({
      caseId: state.caseId,
      deadlineKey: key,
      deadlineId: track.deadlineId,
      kind: track.kind,
      dueAt: track.dueAt,
      recipients: responsible(state, track),
      when: 'before',
    });
    track.reminderSent = true;
    return;
  }
  const level = step === 'miss' ? 1 : track.escalationLevel + 1;
  try {
    const [result] = await Promise.all([
      activities.recordDeadlineMissed({
        caseId: state.caseId,
        caseType: state.type!,
        unitId: state.unitId!,
        deadlineKey: key,
        deadlineId: track.deadlineId,
        kind: track.kind,
        escalationLevel: level,
        at: nowIso(),
      }),
      // "reminder, then escalate one level up" (api.md): the acknowledgement's miss also reminds the
      // ones who should have acknowledged.
      step === 'miss' && track.kind === 'acknowledgement'
        ? activities.sendDeadlineReminder({
            caseId: state.caseId,
            deadlineKey: key,
            deadlineId: track.deadlineId,
            kind: track.kind,
            dueAt: track.dueAt,
            recipients: responsible(state, track),
            when: 'missed',
          })
        : undefined,
    ]);
    applyMissResult(state, track, level, result);
  } catch (error) {
    const type = activityFailureType(error);
    if (type === CASE_ACTIVITY_ERRORS.deadlineAlreadyMet) {
      applyAlreadyMet(state, track);
    } else if (type === CASE_ACTIVITY_ERRORS.caseClosed) {
      // The CaseClosed event is on its way; stop following this deadline meanwhile.
      Object.assign(track, { status: 'inactive', inactiveReason: 'case_closed' });
    } else {
      log.error('deadline miss refused; the deadline is no longer followed', {
        caseId: state.caseId,
        key,
        type,
        error: String(error),
      });
      Object.assign(track, { status: 'inactive', inactiveReason: 'refused' });
    }
  }
}

/** Who a reminder goes to: an action's owner, else the roles that hold the deadline's first task. */
function responsible(state: CaseFlowState, track: DeadlineTrack): ReminderRecipient[] {
  const unitId = state.unitId ?? '';
  if (track.kind === 'action' && track.actionId) {
    const owner = state.actions[track.actionId]?.owner;
    if (owner) return [{ username: owner }];
  }
  const roles = state.type ? acknowledgeRoles(state.type) : [];
  return (roles.length > 0 ? roles : ['unit_manager']).map((role) => ({ role, unitId }));
}
