import { workflowInfo } from '@temporalio/workflow';

/**
 * The time a scheduled run was meant for: the input's `scheduledAt` (a test, a manual run), else the
 * schedule's own time (TemporalScheduledStartTime), so a caught-up run works on what it missed.
 */
export function scheduledTimeOf(input: { readonly scheduledAt?: string }): Date {
  if (input.scheduledAt) return new Date(input.scheduledAt);
  const attribute = workflowInfo().searchAttributes?.['TemporalScheduledStartTime']?.[0];
  if (attribute instanceof Date) return attribute;
  if (typeof attribute === 'string') return new Date(attribute);
  return workflowInfo().startTime;
}
