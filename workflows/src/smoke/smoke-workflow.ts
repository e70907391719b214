import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { SmokeActivities } from './smoke-activities';

export const smokeReleaseSignal = defineSignal('release');

const { recordSmokeRun } = proxyActivities<SmokeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/**
 * Proves the worker and the server are real: it waits for a signal or a timeout (a durable timer
 * the time-skipping server can skip) and then runs one activity.
 */
export async function smokeWorkflow(input: {
  timeoutMs: number;
  note: string;
  /**
   * Due at this instant (epoch ms) instead of timeoutMs after the first workflow task: a timer
   * measured against its due time must not count how long the task waited for a worker (bench).
   */
  until?: number;
}): Promise<{ released: boolean; recorded: string }> {
  let released = false;
  setHandler(smokeReleaseSignal, () => {
    released = true;
  });
  const timeoutMs = input.until === undefined ? input.timeoutMs : Math.max(1, input.until - Date.now());
  await condition(() => released, timeoutMs);
  const recorded = await recordSmokeRun(input.note);
  return { released, recorded };
}
