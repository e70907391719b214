import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export type RequestWithId = Request & { id: string };

/**
 * Every request gets an id (requestObservationMiddleware, first of all) (the caller's X-Request-Id if it looks like one),
 * echoed in the response header, bound to every log line (pino-http reuses `req.id`) and put in
 * problem bodies and event metadata.
 */
export function assignRequestId(request: Request, response: Response): void {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (request as RequestWithId).id = id;
  response.setHeader('X-Request-Id', id);
}
