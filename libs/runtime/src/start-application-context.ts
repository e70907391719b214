import type { Type } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';
import { closeOnSignals } from './close-on-signals';
import { createLogger } from './logger';
import { validateEnvOrExit } from './validate-env-or-exit';

export interface ApplicationContextStart<T> {
  /** The service name on every log line (`worker`, `projector`). */
  service: string;
  /** The fatal line's opening when the start fails, in the service's own words. */
  failure: string;
  configSchema: ZodType<T, ZodTypeDef, unknown>;
  /** Loads the root module; only called once the environment is valid. */
  module: () => Promise<Type<unknown>>;
}

/**
 * Starts a Nest service that has no HTTP side (worker, projector). Nest and the root module are
 * imported only after the environment has been validated, so a bad variable stops the process with
 * one clear line before any module reads it; a failed start exits 1 with one fatal line.
 */
export function startApplicationContext<T>(start: ApplicationContextStart<T>): void {
  const logger = createLogger(start.service);
  const bootstrap = async (): Promise<void> => {
    validateEnvOrExit(start.service, start.configSchema);
    const { NestFactory } = await import('@nestjs/core');
    const app = await NestFactory.createApplicationContext(await start.module(), { logger: false });
    closeOnSignals(app, logger);
  };
  bootstrap().catch((error: unknown) => {
    logger.fatal(
      { err: error },
      `${start.failure}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
