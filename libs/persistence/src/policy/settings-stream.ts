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
 * How a setting is saved. `read` gives the setting as it is now and the stream version the append
 * must expect, which is not the setting's own count of saves where two settings share one stream.
 */
export interface SettingChange<D extends object> {
  read(): Promise<{ current: { readonly version: number }; streamVersion: number }>;
  dataOfVersion(version: number): D;
}

/**
 * An organisation setting (deadline policy, risk policy, meeting calendar, classification lists): a
 * stream of aggregate type `policy` where every save is one event carrying the whole setting.
 */
export class SettingsStream {
  constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly changedType: string,
    /** Without a request id a save's correlation id is `${correlationPrefix}-${the new version}`. */
    private readonly correlationPrefix: string,
  ) {}

  /** The saves of the setting, oldest first, and the version of the whole stream. */
  async load(): Promise<{ changes: EventEnvelope[]; streamVersion: number }> {
    const events = await this.store.load(this.streamId);
    return {
      changes: events.filter((e) => e.type === this.changedType),
      streamVersion: events.length === 0 ? 0 : events[events.length - 1]!.version,
    };
  }

  /** Appends the next version of the setting and returns the data it saved. */
  async save<D extends object>(
    actor: string,
    { expectedVersion, requestId }: SettingChangeOptions,
    change: SettingChange<D>,
  ): Promise<D> {
    return retryOnVersionConflict(
      async () => {
        const { current, streamVersion } = await change.read();
        if (expectedVersion !== undefined && expectedVersion !== current.version)
          throw new VersionConflictError(this.streamId, expectedVersion);
        const nextVersion = current.version + 1;
        const data = change.dataOfVersion(nextVersion);
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
  }
}

/** When and by whom a save was made, for the settings that show it. */
export function changeStampOf(change: EventEnvelope): { changedAt: string; changedBy?: string } {
  return {
    changedAt: new Date(change.occurredAt).toISOString(),
    ...(typeof change.metadata.actor === 'string' ? { changedBy: change.metadata.actor } : {}),
  };
}
