import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * The named refusal an activity failed with (its ApplicationFailure type), undefined for an activity
 * failure without a name; anything else (a cancellation, a workflow bug) is rethrown.
 */
export function activityFailureType(error: unknown): string | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)
    return error.cause.type ?? undefined;
  if (error instanceof ActivityFailure || error instanceof ApplicationFailure) return undefined;
  throw error;
}
