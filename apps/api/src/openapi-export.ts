import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { API_PREFIX, buildOpenApiDocument } from './configure-app';

/**
 * Writes the api's OpenAPI document — the one served at /api/v1/openapi.json — without a database,
 * Temporal or Kafka: Nest's preview mode reads the modules, controllers and DTO decorators but
 * instantiates no provider, so nothing connects. The web's API types are generated from it
 * (tools/api-types.sh, issue 22).
 *
 *   node -r @swc-node/register apps/api/src/openapi-export.ts [file]   # default: stdout
 */

/** The same global prefix and exclusions as configureApp, which needs live providers and cannot run here. */
export const OPENAPI_PREFIX_EXCLUDE = ['health/live', 'health/ready', 'metrics'];

// ConfigModule.forRoot validates the environment when app.module is loaded. These placeholders are
// never connected to (preview mode); the document does not depend on configuration.
const PLACEHOLDER_ENV: Record<string, string> = {
  DATABASE_URL: 'postgres://openapi-export@127.0.0.1:1/none',
  TEMPORAL_ADDRESS: '127.0.0.1:1',
  KAFKA_BROKERS: '127.0.0.1:1',
  AUTH_MODE: 'dev',
  HOST: '127.0.0.1',
  NODE_ENV: 'development',
};

export async function exportOpenApiDocument(): Promise<string> {
  // only the api's own variables: a developer's shell (e.g. NODE_ENV=production) must not change the output
  for (const [name, value] of Object.entries(PLACEHOLDER_ENV)) process.env[name] = value;
  const { AppModule } = await import('./app.module');
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  try {
    app.setGlobalPrefix(API_PREFIX, { exclude: OPENAPI_PREFIX_EXCLUDE });
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  exportOpenApiDocument()
    .then((json) => {
      const file = process.argv[2];
      if (file) writeFileSync(file, json);
      else process.stdout.write(json);
    })
    .catch((error: unknown) => {
      console.error(
        `OpenAPI-dokumentet kunde inte skapas / the OpenAPI document could not be built: ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      );
      process.exit(1);
    });
}
