import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cors from 'cors';
import helmet from 'helmet';
import { createLogger } from '@kvalitet/runtime';
import { NestPinoLogger } from './common/logging/nest-pino-logger';
import { composeMiddlewares } from './common/http/compose-middlewares';
import { jsonBodyParser } from './common/http/json-body.middleware';
import { jsonOnlyMiddleware } from './common/http/json-only.middleware';
import { noStoreMiddleware } from './common/http/no-store.middleware';
import { RejectUnknownQueryInterceptor } from './common/http/reject-unknown-query.interceptor';
import { requestLogger } from './common/http/request-log.middleware';
import { requestObservationMiddleware } from './common/http/request-observation.middleware';
import { applyServerTimeouts } from './common/http/server-timeouts';
import { staticHeadersMiddleware } from './common/http/static-headers';
import { ProblemFilter } from './common/problem/problem.filter';
import { AppValidationPipe } from './common/validation/app-validation-pipe';
import { cacheValidationMetadata } from './common/validation/cached-validation-metadata';
import type { ApiConfig } from './config/api-config.schema';
import { MetricsService } from './metrics/metrics.service';
import { DEFAULT_WEB_DIST, webAppMiddleware } from './web/serve-web-app';
import { webAppConfig } from './web/web-app-config';

export const API_PREFIX = 'api/v1';
export const OPENAPI_JSON_PATH = `${API_PREFIX}/openapi.json`;
export const OPENAPI_UI_PATH = 'api/docs';

export function buildOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Kvalitetsledning API')
    .setDescription(
      'Ärenden, frister och uppföljning i ledningssystemet för systematiskt kvalitetsarbete (SOSFS 2011:9). ' +
        'Fel är application/problem+json med svensk `detail` och stabil `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/**
 * Everything main.ts and the e2e tests share, so the tests boot the app as production does. Order
 * matters: request id, request log and metrics first (so even a 413 has both), security headers and CORS,
 * the web app, then the JSON-only check and the body parser (one Express layer, composeMiddlewares), then
 * Nest's routing with its guards, pipes and filter.
 */
export function configureApp(app: INestApplication): INestApplication {
  const expressApp = app as NestExpressApplication;
  const config = app.get<ConfigService<ApiConfig, true>>(ConfigService);

  const logger = createLogger('api', config.get('LOG_LEVEL', { infer: true }));
  app.useLogger(new NestPinoLogger(logger));
  expressApp.disable('x-powered-by');
  // No client revalidates API answers (case data is not cached), so hashing every body for an ETag
  // was CPU spent per request for nothing. The web app's static files keep theirs (serve-static).
  expressApp.set('etag', false);
  expressApp.set('trust proxy', config.get('TRUST_PROXY', { infer: true }) === 'true' ? 1 : false);
  expressApp.set('query parser', 'simple');

  // No upgrade-insecure-requests: TLS ends at the proxy, and on http://127.0.0.1 it would break /api/docs.
  // The web app exchanges its OIDC authorization code at the issuer, so the issuer may be fetched.
  const issuer = config.get('OIDC_ISSUER', { infer: true });
  const connectSrc = [
    "'self'",
    ...(config.get('AUTH_MODE', { infer: true }) === 'oidc' && issuer ? [new URL(issuer).origin] : []),
  ];
  const origins = config
    .get('CORS_ORIGIN', { infer: true })
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  const web = webAppMiddleware(
    config.get('WEB_DIST_DIR', { infer: true }) ?? DEFAULT_WEB_DIST,
    webAppConfig({
      AUTH_MODE: config.get('AUTH_MODE', { infer: true }),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: config.get('OIDC_CLIENT_ID', { infer: true }),
      OIDC_SCOPE: config.get('OIDC_SCOPE', { infer: true }),
    }),
  );
  app.use(
    composeMiddlewares(
      requestObservationMiddleware(requestLogger(logger), app.get(MetricsService).observe),
      // helmet's headers do not depend on the request here: computed once, set with one loop
      staticHeadersMiddleware(
        helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, connectSrc } } }),
      ),
      cors({
        origin: origins,
        methods: ['GET', 'POST', 'PUT'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
        exposedHeaders: ['Location', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
        maxAge: 600,
      }),
      // personal data is never kept in a browser's or proxy's cache (api.md v1.1, issue 24)
      noStoreMiddleware,
      ...(web ? [web] : []),
      jsonOnlyMiddleware,
      // Nest's own parsers are off (main.ts `bodyParser: false`): no urlencoded parser for a JSON-only api.
      // Size (413) and nesting depth (400) are refused here, before any pipe (issue 24).
      jsonBodyParser({
        limit: config.get('BODY_LIMIT_BYTES', { infer: true }),
        maxDepth: config.get('BODY_MAX_DEPTH', { infer: true }),
      }),
    ),
  );
  applyServerTimeouts(expressApp.getHttpServer(), {
    requestTimeoutMs: config.get('HTTP_REQUEST_TIMEOUT_SECONDS', { infer: true }) * 1000,
    headersTimeoutMs: config.get('HTTP_HEADERS_TIMEOUT_SECONDS', { infer: true }) * 1000,
  });

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemFilter());
  cacheValidationMetadata();
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalInterceptors(new RejectUnknownQueryInterceptor());

  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Kvalitetsledning API',
  });
  return app;
}
