import type { NextFunction, Request, Response } from 'express';

export type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Runs middlewares one after the other as ONE Express layer. Express 5's router does a pass over its
 * layer stack (path matching, url bookkeeping, a fresh `next`) for every layer a request goes
 * through; the api's own front middlewares (request id and metrics, security headers, CORS, the
 * web app, the JSON check and parser) need none of that between them (ADR 0017).
 * Behaves as Express does for each: an error passed to `next`, or thrown, skips the rest.
 */
export function composeMiddlewares(...middlewares: readonly Middleware[]): Middleware {
  return (request, response, next) => {
    let index = 0;
    const step: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const middleware = middlewares[index++];
      if (!middleware) {
        next();
        return;
      }
      try {
        middleware(request, response, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
