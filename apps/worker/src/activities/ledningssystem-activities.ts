import { ApplicationFailure } from '@temporalio/common';
import { dutyTimingsFromPolicy, ledningssystemAggregate } from '@kvalitet/domain';
import type { LsActor } from '@kvalitet/domain';
import { CommandRefusedError, LsCommandService } from '@kvalitet/persistence';
import type { EventStore } from '@kvalitet/persistence';
import { LEDNINGSSYSTEM_ACTIVITY_ERRORS, ledningssystemWorkflowId } from '@kvalitet/workflows';
import type { AdvanceDutiesInput, AdvanceDutiesResult, LedningssystemActivities } from '@kvalitet/workflows';
import type { PolicySource } from './policy-source';
import { stepUuid } from '@kvalitet/persistence';

export interface LedningssystemActivityDeps {
  store: EventStore;
  policy: PolicySource;
  clock?: () => Date;
}

const SYSTEM_ACTOR: LsActor = { username: 'system', roles: ['system'] };

function failure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * The ledningssystem process manager's one activity: `advance-duties` on the aggregate through its
 * application service. Task ids come from the workflow id and the duty step, so a retry or a replay
 * writes nothing twice (and the decider skips duties that already have their task).
 */
export function createLedningssystemActivities(deps: LedningssystemActivityDeps): LedningssystemActivities {
  return {
    async advanceLedningssystemDuties(input: AdvanceDutiesInput): Promise<AdvanceDutiesResult> {
      const aggregate = ledningssystemAggregate(input.subject.aggregateType);
      if (!aggregate)
        throw failure(
          LEDNINGSSYSTEM_ACTIVITY_ERRORS.subjectNotFound,
          `okänd registertyp ${input.subject.aggregateType}`,
        );
      const service = new LsCommandService(aggregate, deps.store, deps.clock);
      const timings = dutyTimingsFromPolicy(await deps.policy.current());
      const workflowId = ledningssystemWorkflowId(input.subject);
      try {
        const result = await service.execute(input.subject.aggregateId, {
          type: 'advance-duties',
          actor: SYSTEM_ACTOR,
          at: input.at,
          timings,
          newId: (dutyKey: string, level: number) => stepUuid(workflowId, `duty/${dutyKey}/${level}`),
        } as never);
        return {
          finished: aggregate.finished(result.state),
          nextWakeAt: result.nextWakeAt ?? null,
          opened: result.events.reduce(
            (n, e) => n + ((e.data as { tasks?: unknown[] }).tasks?.length ?? 0),
            0,
          ),
        };
      } catch (error) {
        if (error instanceof CommandRefusedError) {
          if (error.refusal.code === 'NOT_FOUND')
            throw failure(LEDNINGSSYSTEM_ACTIVITY_ERRORS.subjectNotFound, error.message);
          throw failure(LEDNINGSSYSTEM_ACTIVITY_ERRORS.refused, error.message);
        }
        throw error;
      }
    },
  };
}
