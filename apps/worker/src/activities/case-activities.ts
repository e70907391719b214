import { ApplicationFailure } from '@temporalio/common';
import {
  PROCESS_MANAGER,
  addPolicyDuration,
  policyDurationOf,
  caseEscalationTargets,
  isDeadlineWorkDone,
} from '@kvalitet/domain';
import type { CaseAggregateState, DeadlinePolicy, PolicyDuration } from '@kvalitet/domain';
import { caseWorkflowId, toCaseWorkflowEvent } from '@kvalitet/contracts';
import type { CaseWorkflowEvent } from '@kvalitet/contracts';
import {
  CaseRefusedError,
  VersionConflictError,
  lazySources,
  stepUuid,
  writeCaseWork,
} from '@kvalitet/persistence';
import type { CaseCommandInput, CaseCommandService, CaseWorkTarget } from '@kvalitet/persistence';
import { CASE_ACTIVITY_ERRORS } from '@kvalitet/workflows';
import type {
  ApplyCaseWorkInput,
  ApplyCaseWorkResult,
  CaseActivities,
  CaseNoticeInput,
  DeadlineReminderInput,
  RecordDeadlineMissedInput,
  RecordDeadlineMissedResult,
} from '@kvalitet/workflows';
import type { PolicySource } from './policy-source';
import type { CaseNoticeDelivery } from './case-notice-delivery';
import { loggingReminderNotifier } from './reminder-notifier';
import type { DeadlineReminderNotifier } from './reminder-notifier';

export interface CaseActivityDeps {
  /** The one application service every writer of cases goes through. */
  cases: CaseCommandService;
  policy: PolicySource;
  clock?: () => Date;
  notifier?: DeadlineReminderNotifier;
  /** The answer mail and the outcome notice (absent: nothing is sent; tests pass their own). */
  notices?: CaseNoticeDelivery;
}

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
  class CaseWriter implements CaseWorkTarget {
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

  function durationOf(policy: DeadlinePolicy, key: string): PolicyDuration {
    const duration = policyDurationOf(policy, key);
    if (duration === undefined)
      throw failure(CASE_ACTIVITY_ERRORS.caseCommandRefused, `policyn saknar ${key}`);
    return duration;
  }

  return {
    async loadCaseEvents({ caseId }): Promise<CaseWorkflowEvent[]> {
      const { events } = await deps.cases.load(caseId);
      return events.map(toCaseWorkflowEvent).filter((event): event is CaseWorkflowEvent => event !== null);
    },

    async applyCaseWork(input: ApplyCaseWorkInput): Promise<ApplyCaseWorkResult> {
      const writer = new CaseWriter(input.caseId);
      await writer.read();
      return writeCaseWork(
        writer,
        input,
        lazySources({
          policy: () => deps.policy.current(),
          delegations: deps.cases.delegations,
          boardMeetings: deps.cases.boardMeetings,
        }),
      );
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
        const escalatedTo = caseEscalationTargets(
          deadline.kind,
          input.escalationLevel,
          policy.escalationChain,
          state.type,
        );
        if (input.escalationLevel > deadline.escalationLevel) {
          try {
            await writer.write({
              type: 'record-deadline-missed',
              actor: PROCESS_MANAGER,
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
            actor: PROCESS_MANAGER,
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

    async sendCaseNotice(input: CaseNoticeInput): Promise<{ sent: boolean }> {
      if (!deps.notices) return { sent: false };
      const { state, events } = await deps.cases.load(input.caseId);
      if (state === null)
        throw failure(CASE_ACTIVITY_ERRORS.caseNotFound, `ärendet ${input.caseId} finns inte`);
      return { sent: await deps.notices.deliver(input.kind, input.eventId, { state, events }) };
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
            actor: PROCESS_MANAGER,
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
