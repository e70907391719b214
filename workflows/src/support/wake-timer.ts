import { CancellationScope, sleep } from '@temporalio/workflow';

/**
 * One durable timer for the nearest thing a workflow waits for (a reminder, a due date, an
 * escalation), re-armed only when that changes, so that signals do not add a timer start and cancel
 * to the history each time. Shared by the case and risk-assessment workflows; the commands it
 * produces (one StartTimer per change, a CancelTimer when re-armed) are those their recorded
 * histories hold, so replays are unchanged.
 */
export class WakeTimer {
  private at: number | null = null;
  private scope: CancellationScope | null = null;
  fired = false;

  set(at: number | null): void {
    if (at === this.at && this.scope !== null) return;
    this.cancel();
    this.at = at;
    this.fired = false;
    if (at === null) return;
    const scope = new CancellationScope();
    this.scope = scope;
    scope
      .run(() => sleep(Math.max(at - Date.now(), 1)))
      .then(
        () => {
          if (this.scope === scope) {
            this.scope = null;
            this.fired = true;
          }
        },
        () => undefined,
      );
  }

  cancel(): void {
    this.scope?.cancel();
    this.scope = null;
    this.fired = false;
  }
}

/** Workflow time (deterministic: Temporal's clock) as an ISO string. */
export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}
