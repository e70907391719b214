import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

type HeaderMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Runs a middleware that only sets headers which do not depend on the request (helmet with static
 * directives) once, and returns a middleware that sets the same headers with one loop: helmet walks a
 * chain of a dozen middlewares per request. A middleware that reads the request, or does anything
 * but setHeader/removeHeader, is refused here rather than frozen wrongly.
 */
export function staticHeadersMiddleware(middleware: HeaderMiddleware) {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const request = new Proxy({} as IncomingMessage, {
    get(_target, property) {
      throw new Error(`staticHeadersMiddleware: middlewaren läser begäran (${String(property)})`);
    },
  });
  const response = new Proxy({} as ServerResponse, {
    get(_target, property) {
      if (property === 'setHeader')
        return (name: string, value: string | number | readonly string[]) => set.push([name, value]);
      if (property === 'removeHeader') return (name: string) => removed.push(name);
      throw new Error(`staticHeadersMiddleware: middlewaren använder svaret (${String(property)})`);
    },
  });
  let done = false;
  middleware(request, response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    done = true;
  });
  if (!done) throw new Error('staticHeadersMiddleware: middlewaren anropade inte next() direkt');
  return (_request: Request, res: Response, next: NextFunction): void => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
