import { ApplicationFailure } from '@temporalio/common';
import { addPolicyDuration, decisionDelegateFor } from '@kvalitet/domain';
import type { CaseActor, CaseAggregateState, DeadlinePolicy, PolicyDuration } from '@kvalitet/domain';
import { caseWorkflowId, toCaseWorkflowEvent } from '@kvalitet/contracts';
import type { CaseWorkflowEvent } from '@kvalitet/contracts';
import { CaseRefusedError, VersionConflictError } from '@kvalitet/persistence';
import type { CaseCommandInput, CaseCommandService } from '@kvalitet/persistence';
import { CASE_ACTIVITY_ERRORS, escalationTargets } from '@kvalitet/workflows';
import type {
  ApplyCaseWorkInput,
  ApplyCaseWorkResult,
  CancellationOutcome,
  CaseActivities,
  DeadlineCancellation,
  DeadlineOutcome,
  DeadlineRequest,
  DeadlineReminderInput,
  RecordDeadlineMissedInput,
  RecordDeadlineMissedResult,
  TaskOutcome,
  TaskRequest,
} from '@kvalitet/workflows';
import { isDeadlineWorkDone, isTaskWorkDone } from './deadline-work';
import { negatedDuration } from './policy-source';
import type { PolicySource } from './policy-source';
import { loggingReminderNotifier } from './reminder-notifier';
import type { DeadlineReminderNotifier } from './reminder-notifier';
import { stepUuid } from './step-ids';

export interface CaseActivityDeps {
  /** The one application service every writer of cases goes through. */
  cases: CaseCommandService;
  policy: PolicySource;
  clock?: () => Date;
  notifier?: DeadlineReminderNotifier;
}

/** Who the process manager's events are recorded as. */
const SYSTEM_ACTOR: CaseActor = { username: 'system', roles: ['system'] };

/** Optimistic-concurrency rounds before the activity gives up and lets Temporal retry it. */
const CONFLICT_ROUNDS = 8;

function failure(type: string, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    ...(details === undefined ? {} : { details: [details] }),
  });
}

/**
 * The case workflow's activities. Each decides on the case as it is and writes with the version it
 * decided on (a concurrent writer means reading again and deciding again), so a check such as "the
 * person already did it" and the write it guards are one step. Every id written is derived from the
 * workflow id and the step key, so retries and repeated steps write nothing twice.
 */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  const clock = deps.clock ?? (() => new Date());
  const notifier = deps.notifier ?? loggingReminderNotifier();

  /** A writer over one case: the state last read, and commands appended on top of exactly it. */
  class CaseWriter {
    readonly workflowId: string;
    state!: CaseAggregateState;

    constructor(readonly caseId: string) {
      this.workflowId = caseWorkflowId(caseId);
    }

    async read(): Promise<void> {
      const { state } = await deps.cases.load(this.caseId);
      if (state === null)
        throw failure(CASE_ACTIVITY_ERRORS.caseNotFound, `ärendet ${this.caseId} finns inte`);
      this.state = state;
    }

    id(stepKey: string): string {
      return stepUuid(this.workflowId, stepKey);
    }

    async write(command: CaseCommandInput): Promise<void> {
      const result = await deps.cases.execute(this.caseId, command, {
        expectedVersion: this.state.version,
        correlationId: this.workflowId,
      });
      this.state = result.state;
    }

    /** Runs a step on fresh state; a concurrent write to the case re-reads and runs it again. */
    async step<T>(run: (state: CaseAggregateState) => Promise<T>): Promise<T> {
      for (let round = 1; ; round++) {
        try {
          return await run(this.state);
        } catch (error) {
          if (!(error instanceof VersionConflictError) || round >= CONFLICT_ROUNDS) throw error;
          await this.read();
        }
      }
    }
  }

  function lazyPolicy(): () => Promise<DeadlinePolicy> {
    let read: Promise<DeadlinePolicy> | null = null;
    return () => (read ??= deps.policy.current());
  }

  function durationOf(policy: DeadlinePolicy, key: string): PolicyDuration {
    const duration = policy.deadlines[key];
    if (duration === undefined)
      throw failure(CASE_ACTIVITY_ERRORS.caseCommandRefused, `policyn saknar ${key}`);
    return duration;
  }

  async function startDeadline(
    writer: CaseWriter,
    request: DeadlineRequest,
    at: string,
    policy: () => Promise<DeadlinePolicy>,
  ): Promise<DeadlineOutcome> {
    const { key, kind } = request;
    const deadlineId = writer.id(`deadline/${key}`);
    try {
      return await writer.step(async (state) => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        if (state.deadlines[deadlineId] === undefined) {
          if (isDeadlineWorkDone(state, kind, request.actionId)) return { key, outcome: 'satisfied' };
          const current = await policy();
          const dueAt =
            request.fixedDueAt ??
            addPolicyDuration(new Date(request.base), durationOf(current, kind)).toISOString();
          await writer.write({
            type: 'start-deadline',
            actor: SYSTEM_ACTOR,
            data: {
              deadlineId,
              kind,
              dueAt,
              policyVersion: current.version,
              ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
            },
          });
        }
        const deadline = writer.state.deadlines[deadlineId]!;
        const current = await policy();
        const reminderAt =
          kind === 'action'
            ? addPolicyDuration(
                new Date(deadline.dueAt),
                negatedDuration(durationOf(current, 'action_reminder_before')),
              )
            : null;
        // A deadline this step started in an earlier run may already be met or missed.
        const escalationTasks = Object.values(writer.state.tasks)
          .filter(
            (task) => task.kind === 'escalation' && task.deadlineId === deadlineId && task.status === 'open',
          )
          .map((task) => ({
            key: `task/escalation/${key}/${task.assigneeRole ?? ''}`,
            role: task.assigneeRole ?? '',
            taskId: task.id,
          }));
        const status =
          deadline.status === 'missed' && isDeadlineWorkDone(writer.state, kind, request.actionId)
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
                  durationOf(current, 'escalation_repeat'),
                ).toISOString(),
                escalationTasks,
              }
            : {}),
        };
      });
    } catch (error) {
      if (error instanceof CaseRefusedError) return { key, outcome: 'refused', reason: error.refusal.reason };
      throw error;
    }
  }

  async function createTask(
    writer: CaseWriter,
    request: TaskRequest,
    policy: () => Promise<DeadlinePolicy>,
  ): Promise<TaskOutcome> {
    const { key } = request;
    const taskId = writer.id(key);
    try {
      return await writer.step(async (state) => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        const existing = state.tasks[taskId];
        if (existing) return { key, outcome: existing.status === 'done' ? 'done' : 'created', taskId };
        if (isTaskWorkDone(state, request)) return { key, outcome: 'satisfied' };
        // The delegationsordning of the policy in force when the task is created decides who decides.
        const delegate = request.delegatedDecision
          ? decisionDelegateFor((await policy()).decisionDelegation, state.type)
          : null;
        if (request.delegatedDecision && delegate === null)
          return { key, outcome: 'refused', reason: 'NO_DELEGATE' };
        const assigneeRole = delegate?.role ?? request.assigneeRole;
        const deadlineId =
          request.deadlineKey === undefined ? undefined : writer.id(`deadline/${request.deadlineKey}`);
        const deadline = deadlineId === undefined ? undefined : state.deadlines[deadlineId];
        await writer.write({
          type: 'create-task',
          actor: SYSTEM_ACTOR,
          data: {
            taskId,
            kind: request.kind,
            ...(request.assignee === undefined ? {} : { assignee: request.assignee }),
            ...(assigneeRole === undefined ? {} : { assigneeRole }),
            unitId: request.unitId,
            ...(deadline === undefined ? {} : { deadlineId: deadline.id, dueAt: deadline.dueAt }),
            ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
          },
        });
        return { key, outcome: 'created', taskId };
      });
    } catch (error) {
      if (error instanceof CaseRefusedError) return { key, outcome: 'refused', reason: error.refusal.reason };
      throw error;
    }
  }

  async function completeTask(writer: CaseWriter, key: string): Promise<TaskOutcome> {
    const taskId = writer.id(key);
    try {
      return await writer.step(async (state) => {
        const task = state.tasks[taskId];
        if (task === undefined) return { key, outcome: 'not_found' };
        // Closing a case completes all its tasks (decideClose).
        if (task.status === 'done' || state.stage === 'closed') return { key, outcome: 'done', taskId };
        await writer.write({ type: 'complete-task', actor: SYSTEM_ACTOR, data: { taskId } });
        return { key, outcome: 'done', taskId };
      });
    } catch (error) {
      if (error instanceof CaseRefusedError) return { key, outcome: 'refused', reason: error.refusal.reason };
      throw error;
    }
  }

  async function cancelDeadline(
    writer: CaseWriter,
    request: DeadlineCancellation,
  ): Promise<CancellationOutcome> {
    const { key, deadlineId } = request;
    try {
      return await writer.step(async (state) => {
        if (state.stage === 'closed') return { key, outcome: 'case_closed' };
        const deadline = state.deadlines[deadlineId];
        if (deadline === undefined) return { key, outcome: 'refused' };
        if (deadline.status === 'cancelled') return { key, outcome: 'cancelled' };
        if (deadline.status === 'met') return { key, outcome: 'not_open' };
        await writer.write({
          type: 'cancel-deadline',
          actor: SYSTEM_ACTOR,
          data: { deadlineId, reason: 'path_changed', ...(request.toType ? { toType: request.toType } : {}) },
        });
        return { key, outcome: 'cancelled' };
      });
    } catch (error) {
      if (error instanceof CaseRefusedError) return { key, outcome: 'refused' };
      throw error;
    }
  }

  return {
    async loadCaseEvents({ caseId }): Promise<CaseWorkflowEvent[]> {
      const { events } = await deps.cases.load(caseId);
      return events.map(toCaseWorkflowEvent).filter((event): event is CaseWorkflowEvent => event !== null);
    },

    async applyCaseWork(input: ApplyCaseWorkInput): Promise<ApplyCaseWorkResult> {
      const writer = new CaseWriter(input.caseId);
      await writer.read();
      const policy = lazyPolicy();
      const deadlines: DeadlineOutcome[] = [];
      for (const request of input.deadlines)
        deadlines.push(await startDeadline(writer, request, input.at, policy));
      const cancellations: CancellationOutcome[] = [];
      for (const request of input.cancelDeadlines ?? [])
        cancellations.push(await cancelDeadline(writer, request));
      const tasks: TaskOutcome[] = [];
      for (const request of input.tasks) tasks.push(await createTask(writer, request, policy));
      for (const key of input.completeTasks) tasks.push(await completeTask(writer, key));
      return { deadlines, tasks, ...(input.cancelDeadlines === undefined ? {} : { cancellations }) };
    },

    async recordDeadlineMissed(input: RecordDeadlineMissedInput): Promise<RecordDeadlineMissedResult> {
      const writer = new CaseWriter(input.caseId);
      await writer.read();
      const policy = await deps.policy.current();
      return writer.step(async (state) => {
        if (state.stage === 'closed') throw failure(CASE_ACTIVITY_ERRORS.caseClosed, 'ärendet är avslutat');
        const deadline = state.deadlines[input.deadlineId];
        if (deadline === undefined) {
          throw failure(
            CASE_ACTIVITY_ERRORS.caseCommandRefused,
            `fristen ${input.deadlineId} finns inte i ärendet`,
          );
        }
        if (deadline.status === 'met' || isDeadlineWorkDone(state, deadline.kind, deadline.actionId)) {
          throw failure(CASE_ACTIVITY_ERRORS.deadlineAlreadyMet, 'fristen är redan uppfylld');
        }
        const escalatedTo = escalationTargets(
          deadline.kind,
          input.escalationLevel,
          policy.escalationChain,
          state.type,
        );
        if (input.escalationLevel > deadline.escalationLevel) {
          try {
            await writer.write({
              type: 'record-deadline-missed',
              actor: SYSTEM_ACTOR,
              data: { deadlineId: deadline.id, escalationLevel: input.escalationLevel, escalatedTo },
            });
          } catch (error) {
            // The event store arbitrates the race with a person: the deadline was met first.
            if (error instanceof CaseRefusedError && error.refusal.reason === 'DEADLINE_NOT_OPEN') {
              throw failure(CASE_ACTIVITY_ERRORS.deadlineAlreadyMet, error.message);
            }
            if (error instanceof CaseRefusedError) {
              throw failure(CASE_ACTIVITY_ERRORS.caseCommandRefused, error.message, error.refusal);
            }
            throw error;
          }
        }
        const tasks: RecordDeadlineMissedResult['tasks'] = [];
        for (const role of escalatedTo) {
          const key = `task/escalation/${input.deadlineKey}/${role}`;
          const taskId = writer.id(key);
          tasks.push({ key, role, taskId });
          if (writer.state.tasks[taskId] !== undefined) continue;
          await writer.write({
            type: 'create-task',
            actor: SYSTEM_ACTOR,
            data: {
              taskId,
              kind: 'escalation',
              assigneeRole: role,
              unitId: writer.state.unitId,
              deadlineId: deadline.id,
            },
          });
        }
        return {
          escalatedTo,
          tasks,
          nextEscalationAt: addPolicyDuration(
            new Date(input.at),
            durationOf(policy, 'escalation_repeat'),
          ).toISOString(),
        };
      });
    },

    async sendDeadlineReminder(input: DeadlineReminderInput): Promise<{ sent: boolean }> {
      const writer = new CaseWriter(input.caseId);
      await writer.read();
      // The reminder is a fact on the case first (DeadlineReminderSent, once per deadline and kind);
      // delivery follows and dedupes on the reminder id, so a retry after a crash delivers it once.
      const recorded = await writer.step(async (state) => {
        const deadline = state.deadlines[input.deadlineId];
        if (state.stage === 'closed' || deadline === undefined) return false;
        if (deadline.status === 'met' || deadline.status === 'cancelled') return false;
        if (isDeadlineWorkDone(state, deadline.kind, deadline.actionId)) return false;
        if ((deadline.reminders ?? []).includes(input.when)) return true;
        try {
          await writer.write({
            type: 'record-reminder',
            actor: SYSTEM_ACTOR,
            data: { deadlineId: deadline.id, when: input.when, recipients: input.recipients },
          });
        } catch (error) {
          if (error instanceof CaseRefusedError) return false;
          throw error;
        }
        return true;
      });
      if (!recorded) return { sent: false };
      const { state } = writer;
      const deadline = state.deadlines[input.deadlineId]!;
      await notifier.remind({
        reminderId: writer.id(`reminder/${input.deadlineKey}/${input.when}`),
        caseId: state.id,
        caseNumber: state.caseNumber,
        deadlineId: deadline.id,
        kind: deadline.kind,
        dueAt: deadline.dueAt,
        when: input.when,
        recipients: input.recipients,
        at: clock().toISOString(),
      });
      return { sent: true };
    },
  };
}
