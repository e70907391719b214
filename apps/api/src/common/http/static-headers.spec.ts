import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import { staticHeadersMiddleware } from './static-headers';

async function headersOf(app: express.Express): Promise<Record<string, string>> {
  app.get('/', (_request, response) => {
    response.json({ ok: true });
  });
  const server = app.listen(0);
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const headers = Object.fromEntries(response.headers.entries());
    delete headers.date;
    delete headers.etag;
    return headers;
  } finally {
    server.close();
  }
}

describe('staticHeadersMiddleware', () => {
  const options = {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, connectSrc: ["'self'"] } },
  };

  it('sets exactly the headers helmet sets', async () => {
    const withHelmet = express().disable('x-powered-by').use(helmet(options));
    const frozen = express()
      .disable('x-powered-by')
      .use(staticHeadersMiddleware(helmet(options)));
    const expected = await headersOf(withHelmet);
    expect(expected['content-security-policy']).toContain("connect-src 'self'");
    expect(await headersOf(frozen)).toEqual(expected);
  });

  it('refuses a middleware whose headers depend on the request', () => {
    const perRequest = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
      response.setHeader('X-Path', request.url ?? '');
      next();
    };
    expect(() => staticHeadersMiddleware(perRequest)).toThrow(/läser begäran/);
  });
});
