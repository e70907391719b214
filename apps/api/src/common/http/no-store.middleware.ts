import type { NextFunction, Request, Response } from 'express';

/** The api's answers that are the same for everyone and carry no personal data. */
const STATIC_API_PATHS = new Set(['/api/v1/openapi.json']);

/**
 * `Cache-Control: no-store` on every answer of the api (`/api/v1/…`): cases, the case list, the
 * events, tasks, reminders, mail, the access log, reports with case lines and the IVO anmälan carry
 * personal data or data about people (api.md v1.1, issue 24), and an answer that does not today
 * (the unit tree, the policy) is not worth a rule per route that a new route could get wrong. Error
 * answers are included: a 409 may name the case. Only the OpenAPI document is left to the default.
 * The web app's files, `/health` and `/metrics` are outside `/api/v1` and keep their own headers.
 */
export function noStoreMiddleware(request: Request, response: Response, next: NextFunction): void {
  const path = request.path.toLowerCase();
  if ((path === '/api/v1' || path.startsWith('/api/v1/')) && !STATIC_API_PATHS.has(path))
    response.setHeader('Cache-Control', 'no-store');
  next();
}
