import {
  ApplicationFailure,
  ActivityFailure,
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { LEDNINGSSYSTEM_ACTIVITY_ERRORS, LEDNINGSSYSTEM_CHANGED_SIGNAL } from './ledningssystem-contract';
import type { LedningssystemActivities, LsSubject } from './ledningssystem-contract';

export const ledningssystemChangedSignal = defineSignal<[]>(LEDNINGSSYSTEM_CHANGED_SIGNAL);

export interface LedningssystemDutyWorkflowInput {
  readonly subject: LsSubject;
  /** Rounds before continue-as-new keeps the history small over years of revisions. */
  readonly roundsPerRun?: number;
}

export interface LedningssystemDutyWorkflowResult {
  readonly outcome: 'finished' | 'not_found';
}

const activities = proxyActivities<LedningssystemActivities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: Object.values(LEDNINGSSYSTEM_ACTIVITY_ERRORS),
  },
});

const MIN_WAIT_MS = 1000;

function isNotFound(error: unknown): boolean {
  return (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === LEDNINGSSYSTEM_ACTIVITY_ERRORS.subjectNotFound
  );
}

/**
 * The process manager of one register aggregate (a routine, an egenkontroll plan, a training
 * record, the ledningssystem document…): it asks the activity to write what is due now (tasks ahead
 * of time, escalations after a lapse — the rules are the domain's `planDuties`), then sleeps until the
 * next due time or until a change to the aggregate is signalled, whichever comes first. A timer to
 * next March is just the next due time of the annual review. The event store stays the truth; this
 * workflow only holds a timer.
 */
export async function ledningssystemDutyWorkflow(
  input: LedningssystemDutyWorkflowInput,
): Promise<LedningssystemDutyWorkflowResult> {
  let changed = false;
  setHandler(ledningssystemChangedSignal, () => {
    changed = true;
  });
  const rounds = input.roundsPerRun ?? 100;
  for (let round = 0; round < rounds; round++) {
    changed = false;
    let result;
    try {
      result = await activities.advanceLedningssystemDuties({
        subject: input.subject,
        at: new Date().toISOString(),
      });
    } catch (error) {
      if (isNotFound(error)) return { outcome: 'not_found' };
      throw error;
    }
    if (result.finished) return { outcome: 'finished' };
    if (result.nextWakeAt === null) await condition(() => changed);
    else await condition(() => changed, Math.max(MIN_WAIT_MS, Date.parse(result.nextWakeAt) - Date.now()));
  }
  return continueAsNew<typeof ledningssystemDutyWorkflow>(input);
}
