import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { retryOnVersionConflict } from '../aggregates/aggregate-command-service';

export interface SettingChangeOptions {
  /** The setting's version as the caller saw it; a stale one is a VersionConflictError (409). */
  expectedVersion?: number;
  requestId?: string;
}

/**
 * An organisation setting (deadline policy, risk policy, meeting calendar, classification lists): a
 * stream of aggregate type `policy` where every save is one event carrying the whole setting. A
 * setting says what it is after its saves and what one save stores; reading and saving are alike.
 */
export abstract class SettingRepository<S extends { readonly version: number }, I, D extends object> {
  protected constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly changedType: string,
    /** Without a request id a save's correlation id is `${correlationPrefix}-${the new version}`. */
    private readonly correlationPrefix: string,
  ) {}

  /** The setting after its saves, oldest first; with none, its default. */
  protected abstract settingAfter(changes: readonly EventEnvelope[]): S;

  /** The event data that saves `input` as `version`. */
  protected abstract dataOf(input: I, version: number): D;

  /** What a save answers: the setting read again (with the save's stamp) unless the saved data says it all. */
  protected settingSaved(_saved: D): Promise<S> {
    return this.current();
  }

  async current(): Promise<S> {
    return this.settingAfter(await this.changes());
  }

  /**
   * Appends the next version. With `expectedVersion` the caller's view must be current (else
   * VersionConflictError); without it the change applies to whatever is current, retrying a
   * concurrent writer's race.
   */
  async change(input: I, actor: string, options: SettingChangeOptions = {}): Promise<S> {
    const { expectedVersion, requestId } = options;
    const saved = await retryOnVersionConflict(
      async () => {
        const { changes, streamVersion } = await this.load();
        const current = this.settingAfter(changes);
        if (expectedVersion !== undefined && expectedVersion !== current.version)
          throw new VersionConflictError(this.streamId, expectedVersion);
        const nextVersion = current.version + 1;
        const data = this.dataOf(input, nextVersion);
        await this.store.append({
          aggregateType: 'policy',
          aggregateId: this.streamId,
          expectedVersion: streamVersion,
          metadata: {
            actor,
            correlationId: requestId ?? `${this.correlationPrefix}-${nextVersion}`,
            ...(requestId ? { requestId } : {}),
          },
          events: [{ type: this.changedType, data }],
        });
        return data;
      },
      { expectedVersion },
    );
    return this.settingSaved(saved);
  }

  /** The saves of the setting, oldest first. */
  protected async changes(): Promise<EventEnvelope[]> {
    return (await this.load()).changes;
  }

  /**
   * The saves and the version of the whole stream, which an append must expect: two settings may
   * share one stream (the risk policy and the meeting calendar do), so it is not the count of saves.
   */
  private async load(): Promise<{ changes: EventEnvelope[]; streamVersion: number }> {
    const events = await this.store.load(this.streamId);
    return {
      changes: events.filter((e) => e.type === this.changedType),
      streamVersion: events.length === 0 ? 0 : events[events.length - 1]!.version,
    };
  }
}

/** When and by whom a save was made, for the settings that show it. */
export function changeStampOf(change: EventEnvelope): { changedAt: string; changedBy?: string } {
  return {
    changedAt: new Date(change.occurredAt).toISOString(),
    ...(typeof change.metadata.actor === 'string' ? { changedBy: change.metadata.actor } : {}),
  };
}
