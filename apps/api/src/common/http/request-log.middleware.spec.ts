import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import { pathWithoutQuery, requestLogger } from './request-log.middleware';
import { requestObservationMiddleware } from './request-observation.middleware';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

function answer(
  middleware: ReturnType<typeof requestObservationMiddleware>,
  statusCode: number,
  extra: Record<string, unknown> = {},
) {
  const request = {
    headers: { 'x-request-id': 'req-1' },
    method: 'POST',
    originalUrl: '/api/v1/cases',
    user: { username: 'medarbetare' },
    ...extra,
  };
  const response = Object.assign(new EventEmitter(), { statusCode, setHeader: jest.fn() });
  const next = jest.fn();
  middleware(request as unknown as Request, response as unknown as Response, next as NextFunction);
  response.emit('finish');
  return next;
}

describe('requestObservationMiddleware with requestLogger', () => {
  it('logs each answered request with its request id, status, time and caller', async () => {
    const { logger, lines } = capture('info');
    const next = answer(requestObservationMiddleware(requestLogger(logger)), 201);
    await new Promise((resolve) => setImmediate(resolve));
    expect(next).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: 'req-1',
        method: 'POST',
        url: '/api/v1/cases',
        statusCode: 201,
        user: 'medarbetare',
        responseTimeMs: expect.any(Number),
      }),
    ]);
  });

  it('never logs a query string: a search by personnummer leaves only the path and the route pattern (issue 24)', async () => {
    const { logger, lines } = capture('info');
    const middleware = requestObservationMiddleware(requestLogger(logger));
    answer(middleware, 200, {
      method: 'GET',
      originalUrl: '/api/v1/cases?q=19450312-1230&pageSize=500',
      route: { path: '/api/v1/cases' },
    });
    answer(middleware, 200, {
      method: 'GET',
      originalUrl: '/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10/ivo-anmalan?x=Anna%20Andersson',
      route: { path: '/api/v1/cases/:id/ivo-anmalan' },
    });
    answer(middleware, 404, { method: 'GET', originalUrl: '/annat?namn=Anna' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l['url'], l['route']])).toEqual([
      ['/api/v1/cases', '/api/v1/cases'],
      ['/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10/ivo-anmalan', '/api/v1/cases/:id/ivo-anmalan'],
      ['/annat', undefined],
    ]);
    const printed = JSON.stringify(lines);
    expect(printed).not.toMatch(/19450312|Anna|pageSize|\?/);
  });

  it('pathWithoutQuery keeps the path and drops everything from the first "?"', () => {
    expect(pathWithoutQuery('/api/v1/cases')).toBe('/api/v1/cases');
    expect(pathWithoutQuery('/api/v1/cases?q=a?b')).toBe('/api/v1/cases');
    expect(pathWithoutQuery('/?')).toBe('/');
  });

  it('writes nothing for a success at LOG_LEVEL=warn but logs a 5xx as an error', async () => {
    const { logger, lines } = capture('warn');
    const middleware = requestObservationMiddleware(requestLogger(logger));
    answer(middleware, 200);
    answer(middleware, 503);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.objectContaining({ level: 50, statusCode: 503, reqId: 'req-1' })]);
  });

  it('gives the request its id and calls every observer once per answer', () => {
    const seen: string[] = [];
    const middleware = requestObservationMiddleware(
      (request) => seen.push(`a:${(request as unknown as { id: string }).id}`),
      (_request, response) => seen.push(`b:${response.statusCode}`),
    );
    const request = { headers: {}, method: 'GET', originalUrl: '/' };
    const response = Object.assign(new EventEmitter(), { statusCode: 404, setHeader: jest.fn() });
    middleware(request as unknown as Request, response as unknown as Response, jest.fn() as NextFunction);
    response.emit('finish');
    response.emit('finish');
    const id = (request as unknown as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.setHeader).toHaveBeenCalledWith('X-Request-Id', id);
    expect(seen).toEqual([`a:${id}`, 'b:404']);
  });
});
