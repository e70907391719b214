import type { ZodType, ZodTypeDef } from 'zod';
import { createLogger } from './logger';
import { ConfigurationError, validateConfig } from './validate-config';

/**
 * Validates the process environment before any module is loaded, so a missing or malformed
 * variable stops the process with one clear log line naming it instead of a stack trace.
 */
export function validateEnvOrExit<T>(service: string, schema: ZodType<T, ZodTypeDef, unknown>): T {
  try {
    return validateConfig(schema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    createLogger(service).fatal(
      { problems: error.problems },
      `${service} startar inte: ${error.problems.join('; ')}`,
    );
    process.exit(78);
  }
}
