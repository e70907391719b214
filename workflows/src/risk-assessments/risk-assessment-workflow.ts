import { condition, defineQuery, defineSignal, log, proxyActivities, setHandler } from '@temporalio/workflow';
import { activityFailureType } from '../support/activity-failure-type';
import { WakeTimer, nowIso } from '../support/wake-timer';
import {
  NON_RETRYABLE_RISK_ERRORS,
  RISK_ACTIVITY_ERRORS,
  RISK_ASSESSMENT_EVENTS_SIGNAL,
  RISK_ASSESSMENT_STATUS_QUERY,
} from './risk-assessment-contract';
import type {
  RiskAssessmentActivities,
  RiskAssessmentEventsSignal,
  RiskAssessmentFlowEvent,
  RiskAssessmentWorkflowStart,
} from './risk-assessment-contract';
import {
  applyRiskMissResult,
  applyRiskAssessmentFlowEvent,
  applyRiskTaskResult,
  describeRiskAssessmentFlow,
  dueRiskSteps,
  initialRiskAssessmentFlowState,
  nextRiskWakeAt,
} from './risk-assessment-flow';
import type { RiskAssessmentFlowState, RiskAssessmentFlowStatus, RiskDueStep } from './risk-assessment-flow';

export const riskAssessmentEventsSignal = defineSignal<[RiskAssessmentEventsSignal]>(
  RISK_ASSESSMENT_EVENTS_SIGNAL,
);
export const riskAssessmentStatusQuery = defineQuery<RiskAssessmentFlowStatus>(RISK_ASSESSMENT_STATUS_QUERY);

export interface RiskAssessmentWorkflowResult {
  readonly assessmentId: string;
  readonly outcome: 'ended' | 'not_found';
}

const activities = proxyActivities<RiskAssessmentActivities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_RISK_ERRORS,
  },
});

/**
 * The follow-up of one risk assessment (`risk-assessment-<id>`), the same deadline machinery as a
 * case's actions (DL-11, DL-15): every action gets a task for its owner with the due date, a
 * reminder `action_reminder_before` ahead, and, when the due date passes without the action being
 * done, a recorded miss and a task one step up the policy's escalation chain, then the next step
 * every `escalation_repeat` up to the top of the chain. Completing the action (an event) stops it.
 * The workflow ends when the assessment is closed or dismissed.
 */
export async function riskAssessmentWorkflow(
  input: RiskAssessmentWorkflowStart,
): Promise<RiskAssessmentWorkflowResult> {
  const state = initialRiskAssessmentFlowState(input.assessmentId);
  const inbox: RiskAssessmentFlowEvent[] = [];
  setHandler(riskAssessmentEventsSignal, ({ events }) => {
    inbox.push(...events);
  });
  setHandler(riskAssessmentStatusQuery, () => describeRiskAssessmentFlow(state));
  const timer = new WakeTimer();

  for (;;) {
    if (inbox.length > 0) {
      const batch = inbox.splice(0).sort((a, b) => a.version - b.version);
      const first = batch.find((event) => event.version > state.lastVersion);
      if (
        !state.known &&
        first &&
        first.type !== 'RiskAssessmentCreated' &&
        first.type !== 'RiskAssessmentProposed'
      ) {
        const history = await activities.loadRiskAssessmentFlowEvents({ assessmentId: state.assessmentId });
        if (history.length === 0) return { assessmentId: state.assessmentId, outcome: 'not_found' };
        for (const event of history) applyRiskAssessmentFlowEvent(state, event);
      }
      for (const event of batch) applyRiskAssessmentFlowEvent(state, event);
      continue;
    }
    if (state.ended) {
      timer.cancel();
      return { assessmentId: state.assessmentId, outcome: 'ended' };
    }
    const wanted = Object.values(state.actions).filter((track) => track.status === 'wanted');
    if (wanted.length > 0) {
      for (const track of wanted) {
        try {
          applyRiskTaskResult(
            track,
            await activities.createRiskActionTask({
              assessmentId: state.assessmentId,
              actionId: track.actionId,
              at: nowIso(),
            }),
          );
        } catch (error) {
          log.error('risk action task refused', {
            assessmentId: state.assessmentId,
            type: activityFailureType(error),
          });
          track.status = 'done';
        }
      }
      continue;
    }
    const steps = dueRiskSteps(state, Date.now());
    if (steps.length > 0) {
      for (const step of steps) await runStep(state, step);
      continue;
    }
    timer.set(nextRiskWakeAt(state));
    await condition(() => inbox.length > 0 || timer.fired);
  }
}

async function runStep(state: RiskAssessmentFlowState, { actionId, step }: RiskDueStep): Promise<void> {
  const track = state.actions[actionId];
  if (!track || track.status !== 'open') return;
  if (step === 'remind') {
    await activities.sendRiskActionReminder({ assessmentId: state.assessmentId, actionId });
    track.reminderSent = true;
    return;
  }
  const level = track.escalationLevel + 1;
  try {
    applyRiskMissResult(
      track,
      level,
      await activities.recordRiskActionMissed({
        assessmentId: state.assessmentId,
        actionId,
        escalationLevel: level,
        at: nowIso(),
      }),
    );
  } catch (error) {
    const type = activityFailureType(error);
    if (type === RISK_ACTIVITY_ERRORS.actionAlreadyDone) {
      track.status = 'done';
    } else if (type === RISK_ACTIVITY_ERRORS.assessmentEnded) {
      state.ended = true;
    } else {
      log.error('risk action miss refused; the action is no longer followed', {
        assessmentId: state.assessmentId,
        actionId,
        type,
      });
      track.status = 'done';
    }
  }
}
