import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import pino from 'pino';
import { requestLogger } from './request-log.middleware';
import { requestObservationMiddleware } from './request-observation.middleware';

describe('the request log masks a personnummer typed into a path (issue 21, DATA-2)', () => {
  it('logs the path with ÅÅMMDD-XXXX in its place and keeps a UUID as it is', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const middleware = requestObservationMiddleware(requestLogger(pino({ level: 'info' }, stream)));
    for (const originalUrl of [
      '/api/v1/cases/19121212-1212?q=811218-9876',
      '/api/v1/cases/19121212-1212-4abc-8def-0123456789ab',
    ]) {
      const response = Object.assign(new EventEmitter(), { statusCode: 400, setHeader: jest.fn() });
      middleware(
        { headers: {}, method: 'GET', originalUrl } as unknown as Request,
        response as unknown as Response,
        jest.fn(),
      );
      response.emit('finish');
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l['url'])).toEqual([
      '/api/v1/cases/ÅÅMMDD-XXXX',
      '/api/v1/cases/19121212-1212-4abc-8def-0123456789ab',
    ]);
  });
});
