import 'reflect-metadata';
import cluster from 'node:cluster';
import { closeOnSignals, createLogger, validateEnvOrExit } from '@kvalitet/runtime';
import { prepareDevAuth } from './auth/dev-auth-startup';
import { apiConfigSchema } from './config/api-config.schema';

const logger = createLogger('api');

async function bootstrap(): Promise<void> {
  const config = validateEnvOrExit('api', apiConfigSchema);
  if (cluster.isPrimary) prepareDevAuth(config, logger);
  if (config.API_WORKERS > 1 && cluster.isPrimary) {
    const { runApiPrimary } = await import('./cluster/api-primary');
    await runApiPrimary(config, logger);
    return;
  }
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('./app.module');
  const { configureApp } = await import('./configure-app');
  const app = await NestFactory.create(AppModule, { logger: false, bodyParser: false });
  configureApp(app);
  closeOnSignals(app, logger);
  await app.listen(config.PORT, config.HOST);
  logger.info(
    { port: config.PORT, host: config.HOST },
    `api lyssnar på http://${config.HOST}:${config.PORT}`,
  );
}

bootstrap().catch((error: unknown) => {
  logger.fatal(
    { err: error },
    `api kunde inte starta: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
