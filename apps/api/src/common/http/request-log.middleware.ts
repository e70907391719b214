import type { Logger } from '@kvalitet/runtime';
import type { AnsweredRequestObserver } from './request-observation.middleware';
import type { RequestWithId } from './request-id.middleware';

type LoggedRequest = RequestWithId & { user?: { username?: string } };

/**
 * One log line per answered request with its request id (the same id as in X-Request-Id and in
 * problem bodies), status, time and caller. Written on `finish` only when the level is enabled, so
 * with LOG_LEVEL=warn a request costs no log object: the per-request child logger
 * and async context of pino-http cost more than a tenth of the api's CPU under load.
 */
export function requestLogger(logger: Logger): AnsweredRequestObserver {
  return (request, response, started) => {
    const level = response.statusCode >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const req = request as LoggedRequest;
    logger[level](
      {
        reqId: req.id,
        method: request.method,
        url: request.originalUrl,
        statusCode: response.statusCode,
        responseTimeMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        user: req.user?.username,
      },
      'request completed',
    );
  };
}
