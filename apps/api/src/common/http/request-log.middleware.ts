import { maskPersonnummer } from '@kvalitet/domain';
import type { Logger } from '@kvalitet/runtime';
import type { AnsweredRequestObserver } from './request-observation.middleware';
import type { RequestWithId } from './request-id.middleware';

type LoggedRequest = RequestWithId & { user?: { username?: string }; route?: { path?: unknown } };

/**
 * The path of a request without its query string. Query strings are never logged: a search
 * (`/api/v1/cases?q=…`) may hold a personnummer or a name, and a filter may name a person (issue 24).
 */
export function pathWithoutQuery(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * One log line per answered request with its request id (the same id as in X-Request-Id and in
 * problem bodies), status, time and caller; the path without its query, and the route pattern when
 * a route answered (`/api/v1/cases/:id`). Written on `finish` only when the level is enabled, so
 * with LOG_LEVEL=warn a request costs no log object: the per-request child logger
 * and async context of pino-http cost more than a tenth of the api's CPU under load.
 */
export function requestLogger(logger: Logger): AnsweredRequestObserver {
  return (request, response, started) => {
    const level = response.statusCode >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const req = request as LoggedRequest;
    const route = req.route?.path;
    logger[level](
      {
        reqId: req.id,
        method: request.method,
        // A path can carry what a caller typed too (`/cases/19121212-1212` answers 400, and is logged).
        url: maskPersonnummer(pathWithoutQuery(request.originalUrl)),
        ...(typeof route === 'string' ? { route } : {}),
        statusCode: response.statusCode,
        responseTimeMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        user: req.user?.username,
      },
      'request completed',
    );
  };
}
