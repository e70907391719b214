import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import { requestLogMiddleware } from './request-log.middleware';

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

function answer(middleware: ReturnType<typeof requestLogMiddleware>, statusCode: number) {
  const request = { id: 'req-1', method: 'POST', originalUrl: '/api/v1/cases', user: { username: 'medarbetare' } };
  const response = Object.assign(new EventEmitter(), { statusCode });
  const next = jest.fn();
  middleware(request as unknown as Request, response as unknown as Response, next as NextFunction);
  response.emit('finish');
  return next;
}

describe('requestLogMiddleware', () => {
  it('logs each answered request with its request id, status, time and caller', async () => {
    const { logger, lines } = capture('info');
    const next = answer(requestLogMiddleware(logger), 201);
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

  it('writes nothing for a success at LOG_LEVEL=warn but logs a 5xx as an error', async () => {
    const { logger, lines } = capture('warn');
    const middleware = requestLogMiddleware(logger);
    answer(middleware, 200);
    answer(middleware, 503);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.objectContaining({ level: 50, statusCode: 503, reqId: 'req-1' })]);
  });
});
