import {
  addPolicyDuration,
  boardInformationDueAt,
  caseRefusal,
  delegateForDecision,
  isDeadlineWorkDone,
  isTaskWorkDone,
  negatedDuration,
  policyDurationOf,
  PROCESS_MANAGER,
} from '@kvalitet/domain';
import type {
  ApplyCaseWorkInput,
  ApplyCaseWorkResult,
  CancellationOutcome,
  BoardMeeting,
  CaseAggregateState,
  DeadlineCancellation,
  DeadlineOutcome,
  DeadlinePolicy,
  DeadlineRequest,
  DelegationDecision,
  DelegationItem,
  PolicyDuration,
  TaskOutcome,
  TaskRequest,
} from '@kvalitet/domain';
import { CaseRefusedError } from './case-refused.error';
import type { CaseCommandInput } from './case-command-service';
import { stepUuid } from './step-ids';

/**
 * Where implied work is written: a case as last read, and commands decided and appended on top of
 * exactly it. The command service's target collects the events into the command's own transaction;
 * the workflow activity's target appends each with optimistic concurrency.
 */
export interface CaseWorkTarget {
  /** The case workflow's id: with a step key it derives every id written (`stepUuid`). */
  readonly workflowId: string;
  readonly state: CaseAggregateState;
  write(command: CaseCommandInput): Promise<void>;
  /** Runs a check-then-write step on the current state (again on fresh state after a conflict). */
  step<T>(run: (state: CaseAggregateState) => Promise<T>): Promise<T>;
}

/**
 * Where the writer of implied work reads the settings it needs: the policy (due dates, DL-0), the
 * delegation register (who decides, ADR 0023) and the nämnd's calendar (`board_information`, DL-6).
 * Every writer is given all three, so none falls back on a second source.
 */
export interface CaseWorkSources {
  readonly policy: () => Promise<DeadlinePolicy>;
  readonly delegations: () => Promise<readonly DelegationItem[]>;
  readonly boardMeetings: () => Promise<readonly BoardMeeting[]>;
}

function readOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= read());
}

/** The sources for one call: each read at most once, and only when a step needs it. */
export function lazySources(sources: CaseWorkSources): CaseWorkSources {
  return {
    policy: readOnce(sources.policy),
    delegations: readOnce(sources.delegations),
    boardMeetings: readOnce(sources.boardMeetings),
  };
}

/** The register's decision behind a `decide` task: lex Sarah's or lex Maria's (LC-6 S5, LC-8 step 1). */
function delegatedDecisionOf(type: CaseAggregateState['type']): DelegationDecision | null {
  if (type === 'lex_sarah') return 'lex_sarah_decision';
  if (type === 'lex_maria') return 'lex_maria_decision';
  return null;
}

/** A policy duration by key; a policy without it refuses the step (validate-policy prevents it). */
export function policyDuration(policy: DeadlinePolicy, key: string): PolicyDuration {
  const duration = policyDurationOf(policy, key);
  if (duration === undefined)
    throw new CaseRefusedError(
      caseRefusal('INVALID_TRANSITION', 'POLICY_KEY_MISSING', `policyn saknar ${key}`),
    );
  return duration;
}

/**
 * Writes what the case flow asks for (`pendingWork`): starts deadlines (due date from the policy
 * read now, its version recorded), cancels the ones a reclassification left, creates and completes
 * tasks. Each request is decided on the case as it is: work already done starts nothing, and
 * whatever a step wrote before (same derived id) is found and reported instead of written twice —
 * which is how the workflow's activity converges on what the command already wrote.
 */
export async function writeCaseWork(
  target: CaseWorkTarget,
  input: ApplyCaseWorkInput,
  { policy, delegations, boardMeetings }: CaseWorkSources,
): Promise<ApplyCaseWorkResult> {
  const deadlines: DeadlineOutcome[] = [];
  for (const request of input.deadlines)
    deadlines.push(await startDeadline(target, request, input.at, policy, boardMeetings));
  const cancellations: CancellationOutcome[] = [];
  for (const request of input.cancelDeadlines ?? [])
    cancellations.push(await cancelDeadline(target, request));
  const tasks: TaskOutcome[] = [];
  for (const request of input.tasks) tasks.push(await createTask(target, request, delegations, input.at));
  for (const key of input.completeTasks) tasks.push(await completeTask(target, key));
  return { deadlines, tasks, ...(input.cancelDeadlines === undefined ? {} : { cancellations }) };
}

/** A refusal of the decider becomes the step's outcome; anything else is the caller's to handle. */
async function orRefused<T>(run: () => Promise<T>, refused: (reason: string) => T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CaseRefusedError) return refused(error.refusal.reason);
    throw error;
  }
}

function startDeadline(
  target: CaseWorkTarget,
  request: DeadlineRequest,
  at: string,
  policy: () => Promise<DeadlinePolicy>,
  boardMeetings: () => Promise<readonly BoardMeeting[]>,
): Promise<DeadlineOutcome> {
  const { key, kind } = request;
  const deadlineId = stepUuid(target.workflowId, `deadline/${key}`);
  return orRefused(
    () =>
      target.step(async (state): Promise<DeadlineOutcome> => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        if (state.deadlines[deadlineId] === undefined) {
          if (isDeadlineWorkDone(state, kind, request.actionId)) return { key, outcome: 'satisfied' };
          const current = await policy();
          // The nämnd is informed at its next meeting (DL-6): the calendar, not a duration, sets the date.
          const dueAt =
            request.fixedDueAt ??
            (kind === 'board_information'
              ? boardInformationDueAt(await boardMeetings(), new Date(request.base))
              : addPolicyDuration(new Date(request.base), policyDuration(current, kind))
            ).toISOString();
          await target.write({
            type: 'start-deadline',
            actor: PROCESS_MANAGER,
            data: {
              deadlineId,
              kind,
              dueAt,
              policyVersion: current.version,
              ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
            },
          });
        }
        const deadline = target.state.deadlines[deadlineId]!;
        const current = await policy();
        const reminderAt =
          kind === 'action'
            ? addPolicyDuration(
                new Date(deadline.dueAt),
                negatedDuration(policyDuration(current, 'action_reminder_before')),
              )
            : null;
        // A deadline this step started before (an earlier run, or the command) may already be met or missed.
        const escalationTasks = Object.values(target.state.tasks)
          .filter(
            (task) => task.kind === 'escalation' && task.deadlineId === deadlineId && task.status === 'open',
          )
          .map((task) => ({
            key: `task/escalation/${key}/${task.assigneeRole ?? ''}`,
            role: task.assigneeRole ?? '',
            taskId: task.id,
          }));
        const status =
          deadline.status === 'missed' && isDeadlineWorkDone(target.state, kind, request.actionId)
            ? 'met'
            : deadline.status;
        return {
          key,
          outcome: 'started',
          deadlineId,
          dueAt: deadline.dueAt,
          policyVersion: deadline.policyVersion,
          status,
          escalationLevel: deadline.escalationLevel,
          ...(reminderAt !== null &&
          reminderAt.getTime() > Date.parse(deadline.startedAt) &&
          reminderAt.getTime() > Date.parse(at)
            ? { reminderAt: reminderAt.toISOString() }
            : {}),
          ...(status === 'missed'
            ? {
                nextEscalationAt: addPolicyDuration(
                  new Date(at),
                  policyDuration(current, 'escalation_repeat'),
                ).toISOString(),
                escalationTasks,
              }
            : {}),
        };
      }),
    (reason) => ({ key, outcome: 'refused', reason }),
  );
}

function createTask(
  target: CaseWorkTarget,
  request: TaskRequest,
  delegations: () => Promise<readonly DelegationItem[]>,
  at: string,
): Promise<TaskOutcome> {
  const { key } = request;
  const taskId = stepUuid(target.workflowId, key);
  return orRefused(
    () =>
      target.step(async (state): Promise<TaskOutcome> => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        const existing = state.tasks[taskId];
        if (existing) return { key, outcome: existing.status === 'done' ? 'done' : 'created', taskId };
        if (isTaskWorkDone(state, request)) return { key, outcome: 'satisfied' };
        // The delegation register (ADR 0023) on the day the work is due decides who gets the decision.
        const decision = request.delegatedDecision ? delegatedDecisionOf(state.type) : null;
        const delegate =
          decision === null ? null : delegateForDecision(await delegations(), decision, new Date(at));
        if (request.delegatedDecision && delegate === null)
          return { key, outcome: 'refused', reason: 'NO_DELEGATE' };
        const assignee = delegate?.username ?? request.assignee;
        const assigneeRole = delegate === null ? request.assigneeRole : delegate.role;
        const deadlineId =
          request.deadlineKey === undefined
            ? undefined
            : stepUuid(target.workflowId, `deadline/${request.deadlineKey}`);
        const deadline = deadlineId === undefined ? undefined : state.deadlines[deadlineId];
        await target.write({
          type: 'create-task',
          actor: PROCESS_MANAGER,
          data: {
            taskId,
            kind: request.kind,
            ...(assignee === undefined ? {} : { assignee }),
            ...(assigneeRole === undefined ? {} : { assigneeRole }),
            unitId: request.unitId,
            ...(deadline === undefined ? {} : { deadlineId: deadline.id, dueAt: deadline.dueAt }),
            ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
          },
        });
        return { key, outcome: 'created', taskId };
      }),
    (reason) => ({ key, outcome: 'refused', reason }),
  );
}

function completeTask(target: CaseWorkTarget, key: string): Promise<TaskOutcome> {
  const taskId = stepUuid(target.workflowId, key);
  return orRefused(
    () =>
      target.step(async (state): Promise<TaskOutcome> => {
        const task = state.tasks[taskId];
        if (task === undefined) return { key, outcome: 'not_found' };
        // Closing a case completes all its tasks (decideClose).
        if (task.status === 'done' || state.stage === 'closed') return { key, outcome: 'done', taskId };
        await target.write({ type: 'complete-task', actor: PROCESS_MANAGER, data: { taskId } });
        return { key, outcome: 'done', taskId };
      }),
    (reason) => ({ key, outcome: 'refused', reason }),
  );
}

function cancelDeadline(target: CaseWorkTarget, request: DeadlineCancellation): Promise<CancellationOutcome> {
  const { key, deadlineId } = request;
  return orRefused(
    () =>
      target.step(async (state): Promise<CancellationOutcome> => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        const deadline = state.deadlines[deadlineId];
        if (deadline === undefined) return { key, outcome: 'refused' };
        if (deadline.status === 'cancelled') return { key, outcome: 'cancelled' };
        if (deadline.status === 'met') return { key, outcome: 'not_open' };
        await target.write({
          type: 'cancel-deadline',
          actor: PROCESS_MANAGER,
          data: { deadlineId, reason: 'path_changed', ...(request.toType ? { toType: request.toType } : {}) },
        });
        return { key, outcome: 'cancelled' };
      }),
    () => ({ key, outcome: 'refused' }),
  );
}
