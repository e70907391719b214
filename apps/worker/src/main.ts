import 'reflect-metadata';
import { closeOnSignals, createLogger, validateEnvOrExit } from '@kvalitet/runtime';
import { workerConfigSchema } from './config/worker-config.schema';

const logger = createLogger('worker');

async function bootstrap(): Promise<void> {
  validateEnvOrExit('worker', workerConfigSchema);
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('./worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  closeOnSignals(app, logger);
}

bootstrap().catch((error: unknown) => {
  logger.fatal(
    { err: error },
    `worker kunde inte starta: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
