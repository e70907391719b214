import 'reflect-metadata';
import { closeOnSignals, createLogger, validateEnvOrExit } from '@kvalitet/runtime';
import { projectorConfigSchema } from './config/projector-config.schema';

const logger = createLogger('projector');

async function bootstrap(): Promise<void> {
  validateEnvOrExit('projector', projectorConfigSchema);
  const { NestFactory } = await import('@nestjs/core');
  const { ProjectorModule } = await import('./projector.module');
  const app = await NestFactory.createApplicationContext(ProjectorModule, { logger: false });
  closeOnSignals(app, logger);
}

bootstrap().catch((error: unknown) => {
  logger.fatal(
    { err: error },
    `projektorn kunde inte starta: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
