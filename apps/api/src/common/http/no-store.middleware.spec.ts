import express from 'express';
import { noStoreMiddleware } from './no-store.middleware';

async function cacheControlOf(paths: readonly string[]): Promise<Record<string, string | null>> {
  const app = express().use(noStoreMiddleware);
  app.use((request, response) => {
    if (request.path === '/web.js')
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.status(request.path.endsWith('/saknas') ? 404 : 200).json({ ok: true });
  });
  const server = app.listen(0);
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const result: Record<string, string | null> = {};
    for (const path of paths) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      result[path] = response.headers.get('cache-control');
    }
    return result;
  } finally {
    server.close();
  }
}

describe('noStoreMiddleware (issue 24)', () => {
  it('marks every /api/v1 answer no-store, errors included, and leaves the rest alone', async () => {
    expect(
      await cacheControlOf([
        '/api/v1/cases?q=19121212-1212',
        '/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10',
        '/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10/ivo-anmalan',
        '/api/v1/tasks',
        '/api/v1/audit/access-log',
        '/api/v1/reports/weekly-digest?week=2026-W48',
        '/API/V1/cases',
        '/api/v1/saknas',
        '/api/v1/openapi.json',
        '/api/docs',
        '/health/ready',
        '/web.js',
        '/api/v10/cases',
      ]),
    ).toEqual({
      '/api/v1/cases?q=19121212-1212': 'no-store',
      '/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10': 'no-store',
      '/api/v1/cases/0b7c2f7e-4c1e-4d39-9a5e-2f3c7b1d9e10/ivo-anmalan': 'no-store',
      '/api/v1/tasks': 'no-store',
      '/api/v1/audit/access-log': 'no-store',
      '/api/v1/reports/weekly-digest?week=2026-W48': 'no-store',
      '/API/V1/cases': 'no-store',
      '/api/v1/saknas': 'no-store',
      '/api/v1/openapi.json': null,
      '/api/docs': null,
      '/health/ready': null,
      '/web.js': 'public, max-age=31536000, immutable',
      '/api/v10/cases': null,
    });
  });
});
