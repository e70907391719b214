import type { NextFunction, Request, Response } from 'express';
import { composeMiddlewares, type Middleware } from './compose-middlewares';

const request = {} as Request;
const response = {} as Response;

function run(middleware: Middleware): { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const next: NextFunction = (...args: unknown[]) => void calls.push(args);
  middleware(request, response, next);
  return { calls };
}

describe('composeMiddlewares', () => {
  it('runs every middleware in order, then hands over to the next layer once', () => {
    const order: string[] = [];
    const step =
      (name: string): Middleware =>
      (_req, _res, next) => {
        order.push(name);
        next();
      };
    const { calls } = run(composeMiddlewares(step('a'), step('b'), step('c')));
    expect(order).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual([[]]);
  });

  it('skips the rest when a middleware passes an error, as Express does', () => {
    const failure = new Error('415');
    const later = jest.fn();
    const { calls } = run(composeMiddlewares((_req, _res, next) => next(failure), later));
    expect(later).not.toHaveBeenCalled();
    expect(calls).toEqual([[failure]]);
  });

  it('turns a thrown error into next(error)', () => {
    const failure = new Error('trasig');
    const { calls } = run(
      composeMiddlewares(() => {
        throw failure;
      }),
    );
    expect(calls).toEqual([[failure]]);
  });

  it('lets a middleware answer without calling next (the web app, a CORS preflight)', () => {
    const { calls } = run(composeMiddlewares(() => undefined, jest.fn()));
    expect(calls).toEqual([]);
  });

  it('continues after a middleware that calls next later (a body parser reading the stream)', async () => {
    const later = jest.fn((_req: Request, _res: Response, next: NextFunction) => next());
    const calls: unknown[][] = [];
    await new Promise<void>((resolve) => {
      composeMiddlewares((_req, _res, next) => void setImmediate(() => next()), later)(
        request,
        response,
        (...args: unknown[]) => {
          calls.push(args);
          resolve();
        },
      );
    });
    expect(later).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([[]]);
  });
});
