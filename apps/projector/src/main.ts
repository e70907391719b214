import 'reflect-metadata';
import { startApplicationContext } from '@kvalitet/runtime';
import { projectorConfigSchema } from './config/projector-config.schema';

startApplicationContext({
  service: 'projector',
  failure: 'projektorn kunde inte starta',
  configSchema: projectorConfigSchema,
  module: async () => (await import('./projector.module')).ProjectorModule,
});
