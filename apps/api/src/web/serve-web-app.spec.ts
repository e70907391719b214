import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { webAppMiddleware } from './serve-web-app';
import { webAppConfig } from './web-app-config';

describe('the web app served by the api (ADR 0005)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'kvalitet-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="sv"><div id="root"></div></html>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  const config = webAppConfig({
    AUTH_MODE: 'dev',
    OIDC_ISSUER: undefined,
    OIDC_CLIENT_ID: undefined,
    OIDC_SCOPE: 'openid profile',
  });
  let base: string;
  let server: ReturnType<express.Express['listen']>;

  beforeAll(async () => {
    const app = express();
    app.use(webAppMiddleware(dist, config)!);
    app.use((_req, res) => res.status(404).type('application/problem+json').send('{"code":"NOT_FOUND"}'));
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers deep links with index.html (SPA fallback), not cached', async () => {
    for (const path of ['/', '/arenden/6b009200-3090-4e61-9ea9-62c7e360c9ec', '/lamna-synpunkt']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year and 404s a missing one instead of the page', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/gone.js`)).status).toBe(404);
  });

  it('leaves api, health and metrics paths and non-GET methods to the api', async () => {
    for (const path of ['/api/v1/finns-inte', '/health/ready', '/metrics', '/api']) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${base}/arenden`, { method: 'POST' })).status).toBe(404);
  });

  it('tells the app how to sign in, without secrets', async () => {
    const response = await fetch(`${base}/app-config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as typeof config;
    expect(body.authMode).toBe('dev');
    expect(body.demoUsers.map((u) => u.username)).toContain('sas');
    expect(body.units.find((u) => u.id === 'solgarden')?.name).toBe('Särskilt boende Solgården');
    expect(JSON.stringify(body)).not.toMatch(/secret/i);
  });

  it('in OIDC mode offers the issuer and public client, and no demo users', () => {
    const oidc = webAppConfig({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://idp.example.se/realms/k',
      OIDC_CLIENT_ID: 'kvalitet-web',
      OIDC_SCOPE: 'openid profile',
    });
    expect(oidc).toMatchObject({
      authMode: 'oidc',
      demoUsers: [],
      oidc: { issuer: 'https://idp.example.se/realms/k', clientId: 'kvalitet-web' },
    });
  });

  it('is absent when the app is not built', () => {
    expect(webAppMiddleware(join(dist, 'nothing-here'), config)).toBeNull();
  });
});
