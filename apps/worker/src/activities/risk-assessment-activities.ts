import { ApplicationFailure } from '@temporalio/common';
import {
  PROCESS_MANAGER,
  addPolicyDuration,
  policyDurationOf,
  negatedDuration,
  riskActionTaskCommand,
} from '@kvalitet/domain';
import type { DeadlinePolicy, PolicyDuration, RiskAssessmentAggregateState } from '@kvalitet/domain';
import { CommandRefusedError, retryOnVersionConflict, stepUuid } from '@kvalitet/persistence';
import type { RiskAssessmentCommandInput, RiskAssessmentCommandService } from '@kvalitet/persistence';
import {
  RISK_ACTIVITY_ERRORS,
  riskAssessmentWorkflowId,
  toRiskAssessmentFlowEvent,
} from '@kvalitet/workflows';
import type {
  RiskActionMissResult,
  RiskActionTaskResult,
  RiskAssessmentActivities,
  RiskAssessmentFlowEvent,
} from '@kvalitet/workflows';
import { createLogger } from '@kvalitet/runtime';
import type { PolicySource } from './policy-source';

export interface RiskActionReminder {
  /** Same reminder, same id: a notifier that delivers dedupes on it. */
  readonly reminderId: string;
  readonly assessmentId: string;
  readonly reference: string;
  readonly actionId: string;
  readonly owner: string;
  readonly dueAt: string;
  readonly at: string;
}

export interface RiskActionReminderNotifier {
  remind(reminder: RiskActionReminder): Promise<void>;
}

/** A structured log line (reference, due date and the owner's username; no free text). */
function loggingRiskReminderNotifier(): RiskActionReminderNotifier {
  const logger = createLogger('worker');
  return {
    async remind(reminder) {
      logger.info(
        { reminder },
        `påminnelse: åtgärd i riskanalys ${reminder.reference} förfaller ${reminder.dueAt}`,
      );
    },
  };
}

export interface RiskAssessmentActivityDeps {
  riskAssessments: RiskAssessmentCommandService;
  /** The deadline policy: `action_reminder_before`, `escalation_repeat` and the escalation chain. */
  policy: PolicySource;
  clock?: () => Date;
  notifier?: RiskActionReminderNotifier;
}

const CONFLICT_ROUNDS = 8;

function failure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function durationOf(policy: DeadlinePolicy, key: string): PolicyDuration {
  const duration = policyDurationOf(policy, key);
  if (duration === undefined) throw failure(RISK_ACTIVITY_ERRORS.commandRefused, `policyn saknar ${key}`);
  return duration;
}

/** The role one step up the chain for escalation `level` (as for case actions: level 1 → the second role). */
function riskEscalationRole(level: number, chain: readonly string[]): string | null {
  if (chain.length === 0) return null;
  return chain[Math.min(Math.max(level, 1), chain.length - 1)] ?? null;
}

/**
 * The risk assessment workflow's activities. Each reads the assessment, decides on it as it is and
 * writes with the version it read (a concurrent writer means reading and deciding again); every id
 * comes from the workflow id and the step, so a retry writes nothing twice.
 */
export function createRiskAssessmentActivities(deps: RiskAssessmentActivityDeps): RiskAssessmentActivities {
  const clock = deps.clock ?? (() => new Date());
  const notifier = deps.notifier ?? loggingRiskReminderNotifier();

  async function load(assessmentId: string): Promise<RiskAssessmentAggregateState> {
    const { state } = await deps.riskAssessments.load(assessmentId);
    if (!state)
      throw failure(RISK_ACTIVITY_ERRORS.assessmentNotFound, `riskanalysen ${assessmentId} finns inte`);
    return state;
  }

  /** Runs `step` on fresh state; on a concurrent write, reads again and runs it again. */
  async function step<T>(
    assessmentId: string,
    at: string | undefined,
    run: (
      state: RiskAssessmentAggregateState,
      write: (c: RiskAssessmentCommandInput) => Promise<RiskAssessmentAggregateState>,
    ) => Promise<T>,
  ): Promise<T> {
    return retryOnVersionConflict(
      async () => {
        let state = await load(assessmentId);
        const write = async (command: RiskAssessmentCommandInput) => {
          const result = await deps.riskAssessments.execute(assessmentId, command, {
            expectedVersion: state.version,
            correlationId: riskAssessmentWorkflowId(assessmentId),
            ...(at === undefined ? {} : { at: new Date(at) }),
          });
          state = result.state;
          return state;
        };
        return run(state, write);
      },
      { attempts: CONFLICT_ROUNDS },
    );
  }

  const ended = (state: RiskAssessmentAggregateState) =>
    state.stage === 'closed' || state.stage === 'dismissed';

  return {
    async loadRiskAssessmentFlowEvents({ assessmentId }): Promise<RiskAssessmentFlowEvent[]> {
      const { events } = await deps.riskAssessments.load(assessmentId);
      return events.map(toRiskAssessmentFlowEvent).filter((e): e is RiskAssessmentFlowEvent => e !== null);
    },

    async createRiskActionTask({ assessmentId, actionId, at }): Promise<RiskActionTaskResult> {
      const workflowId = riskAssessmentWorkflowId(assessmentId);
      const taskId = stepUuid(workflowId, `task/action/${actionId}`);
      const policy = await deps.policy.current();
      return step(assessmentId, at, async (state, write) => {
        if (ended(state)) return { outcome: 'ended', escalationLevel: 0 };
        const action = state.actions[actionId];
        if (!action) throw failure(RISK_ACTIVITY_ERRORS.commandRefused, `åtgärden ${actionId} finns inte`);
        if (action.status !== 'open') return { outcome: 'done', escalationLevel: action.escalationLevel };
        const create = riskActionTaskCommand(state, actionId, taskId, PROCESS_MANAGER);
        if (create) await write(create);
        const reminderAt = addPolicyDuration(
          new Date(action.dueAt),
          negatedDuration(durationOf(policy, 'action_reminder_before')),
        );
        return {
          outcome: 'created',
          taskId,
          escalationLevel: action.escalationLevel,
          ...(reminderAt.getTime() > Date.parse(at) && reminderAt.getTime() > Date.parse(action.addedAt)
            ? { reminderAt: reminderAt.toISOString() }
            : {}),
        };
      });
    },

    async recordRiskActionMissed({
      assessmentId,
      actionId,
      escalationLevel,
      at,
    }): Promise<RiskActionMissResult> {
      const workflowId = riskAssessmentWorkflowId(assessmentId);
      const policy = await deps.policy.current();
      const role = riskEscalationRole(escalationLevel, policy.escalationChain);
      const escalatedTo = role === null ? [] : [role];
      const atTop = escalationLevel >= policy.escalationChain.length - 1;
      return step(assessmentId, at, async (state, write) => {
        if (ended(state)) throw failure(RISK_ACTIVITY_ERRORS.assessmentEnded, 'riskanalysen är avslutad');
        const action = state.actions[actionId];
        if (!action) throw failure(RISK_ACTIVITY_ERRORS.commandRefused, `åtgärden ${actionId} finns inte`);
        if (action.status !== 'open')
          throw failure(RISK_ACTIVITY_ERRORS.actionAlreadyDone, 'åtgärden är redan genomförd');
        try {
          if (escalationLevel > action.escalationLevel) {
            state = await write({
              type: 'record-action-missed',
              actor: PROCESS_MANAGER,
              data: { actionId, escalationLevel, escalatedTo },
            });
          }
          for (const to of escalatedTo) {
            const taskId = stepUuid(workflowId, `task/escalation/${actionId}/${to}`);
            if (state.tasks[taskId] !== undefined) continue;
            state = await write({
              type: 'create-task',
              actor: PROCESS_MANAGER,
              data: {
                taskId,
                kind: 'risk_escalation',
                assigneeRole: to,
                unitId: state.unitId,
                dueAt: action.dueAt,
                actionId,
              },
            });
          }
        } catch (error) {
          if (error instanceof CommandRefusedError && error.refusal.reason === 'DEADLINE_NOT_OPEN')
            throw failure(RISK_ACTIVITY_ERRORS.actionAlreadyDone, error.message);
          if (error instanceof CommandRefusedError && error.refusal.reason === 'RISK_ASSESSMENT_ENDED')
            throw failure(RISK_ACTIVITY_ERRORS.assessmentEnded, error.message);
          if (error instanceof CommandRefusedError)
            throw failure(RISK_ACTIVITY_ERRORS.commandRefused, error.message);
          throw error;
        }
        return {
          escalatedTo,
          nextEscalationAt: atTop
            ? null
            : addPolicyDuration(new Date(at), durationOf(policy, 'escalation_repeat')).toISOString(),
        };
      });
    },

    async sendRiskActionReminder({ assessmentId, actionId }): Promise<{ sent: boolean }> {
      const state = await load(assessmentId);
      const action = state.actions[actionId];
      if (ended(state) || !action || action.status !== 'open') return { sent: false };
      await notifier.remind({
        reminderId: stepUuid(riskAssessmentWorkflowId(assessmentId), `reminder/${actionId}`),
        assessmentId,
        reference: state.reference,
        actionId,
        owner: action.owner,
        dueAt: action.dueAt,
        at: clock().toISOString(),
      });
      return { sent: true };
    },
  };
}
