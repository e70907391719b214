import 'reflect-metadata';
import { startApplicationContext } from '@kvalitet/runtime';
import { workerConfigSchema } from './config/worker-config.schema';

startApplicationContext({
  service: 'worker',
  failure: 'worker kunde inte starta',
  configSchema: workerConfigSchema,
  module: async () => (await import('./worker.module')).WorkerModule,
});
