import type { ZodType, ZodTypeDef } from 'zod';

/** Thrown at start when the environment does not satisfy a process's configuration schema. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ogiltig konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates `env` against `schema`; used as @nestjs/config's `validate` so every app fails the same way. */
export function validateConfig<T>(schema: ZodType<T, ZodTypeDef, unknown>, env: Record<string, unknown>): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigurationError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(okänd)';
      const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
      return missing ? `${name} saknas` : `${name}: ${issue.message}`;
    }),
  );
}
