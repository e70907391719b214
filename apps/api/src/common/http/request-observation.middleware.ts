import type { NextFunction, Request, Response } from 'express';
import { assignRequestId } from './request-id.middleware';

/** Called once a request has been answered, with the hrtime at which it arrived. */
export type AnsweredRequestObserver = (request: Request, response: Response, startedNs: bigint) => void;

/**
 * The first middleware: gives the request its id and registers one `finish` listener for everything
 * that is recorded per answered request (request log line, metrics), instead of a middleware and a
 * listener each. Being first, it also sees the answers of later middlewares (413, 415).
 */
export function requestObservationMiddleware(...observers: AnsweredRequestObserver[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    assignRequestId(request, response);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      for (const observe of observers) observe(request, response, started);
    });
    next();
  };
}
