import type { PolicyDuration } from './deadline-policy';

/** The same duration backwards: `P2D` → `-P2D`, 3 working days → −3 working days (a reminder before a due date). */
export function negatedDuration(duration: PolicyDuration): PolicyDuration {
  if (typeof duration === 'string')
    return duration.startsWith('-') ? duration.slice(1) : `-${duration.replace(/^\+/, '')}`;
  return { workingDays: -duration.workingDays };
}
