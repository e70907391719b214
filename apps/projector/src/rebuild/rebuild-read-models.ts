import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '@kvalitet/persistence';
import type { Projection } from '../projections/projection';

export interface RebuildReport {
  projection: string;
  events: number;
  aggregates: number;
  seconds: number;
}

/**
 * Drops and rebuilds read models from the event store. Each projection is rebuilt in one
 * transaction that first locks its tables: the live consumer waits, then finds every event it is
 * handed already folded in (version guard), so the projector may keep running. The events are read
 * through one cursor after the lock, so the rebuild sees one snapshot that holds everything the
 * live consumer had applied (ADR 0012).
 */
export async function rebuildReadModels(
  dataSource: DataSource,
  store: EventStore,
  projections: readonly Projection[],
  onProgress: (message: string) => void = () => undefined,
): Promise<RebuildReport[]> {
  const reports: RebuildReport[] = [];
  for (const projection of projections) {
    const started = Date.now();
    let events = 0;
    const aggregates = await dataSource.transaction(async (manager) => {
      await projection.reset(manager);
      async function* pages(): AsyncGenerator<EventEnvelope[]> {
        for await (const page of store.scanAll(manager, { ...projection.rebuildReads, pageSize: 10000 })) {
          events += page.length;
          if (events % 100000 < page.length) onProgress(`${projection.name}: ${events} händelser inlästa`);
          yield page;
        }
      }
      return projection.writeRebuilt(manager, pages());
    });
    const seconds = (Date.now() - started) / 1000;
    onProgress(
      `${projection.name}: klar, ${events} händelser, ${aggregates} aggregat på ${seconds.toFixed(1)} s`,
    );
    reports.push({ projection: projection.name, events, aggregates, seconds });
  }
  return reports;
}
