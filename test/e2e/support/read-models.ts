import type { DataSource } from 'typeorm';
import type { EventStore } from '@kvalitet/persistence';
import { createProjections } from '../../../apps/projector/src/projections/projections';
import { rebuildReadModels } from '../../../apps/projector/src/rebuild/rebuild-read-models';

/**
 * Brings rm_cases / rm_tasks up to date with the event store by running the projector's own
 * projections (their rebuild path) in the test process, so list and inbox tests do not depend on a
 * running projector and Kafka timing.
 */
export async function syncReadModels(dataSource: DataSource, store: EventStore): Promise<void> {
  await rebuildReadModels(dataSource, store, createProjections());
}
