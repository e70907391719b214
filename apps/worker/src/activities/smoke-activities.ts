import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SmokeActivities } from '@kvalitet/workflows';
import { ServiceProbeEntity } from '@kvalitet/persistence';

/** Built by a factory that takes its dependencies, like every activity set. */
export function createSmokeActivities(deps: { dataSource: DataSource }): SmokeActivities {
  return {
    async recordSmokeRun(note: string): Promise<string> {
      const id = randomUUID();
      await deps.dataSource.getRepository(ServiceProbeEntity).insert({ id, note });
      return id;
    },
  };
}
