import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { WebAppConfig } from './web-app-config';

/** Paths that belong to the api process itself; everything else is the single-page app. */
const API_PATHS = /^\/(api|health|metrics)(\/|$)/;

export const DEFAULT_WEB_DIST = resolve(__dirname, '../../../web/dist');

/**
 * Serves the built web app (ADR 0005): `/app-config.json`, the hashed assets under `/assets` (cached
 * for a year), other files in dist, and `index.html` for every other GET that is not an api path,
 * so that deep links such as `/arenden/<id>` work after a reload. Returns null when the app is not
 * built (the api works without it).
 */
export function webAppMiddleware(
  distDir: string,
  config: WebAppConfig,
): ((req: Request, res: Response, next: NextFunction) => void) | null {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return null;
  const files = express.static(distDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(distDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const body = JSON.stringify(config);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    if (req.path === '/app-config.json') {
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(body);
      return;
    }
    files(req, res, () => {
      if (req.path.startsWith('/assets/')) {
        res.status(404).type('text/plain; charset=utf-8').send('Filen finns inte.');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}
