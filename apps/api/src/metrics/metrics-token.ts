import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiProblem } from '../common/problem/api-problem';

/**
 * `/metrics` and the details of `/health/ready` are for the operators' scraper, not for the public
 * (issue 24, review L-8): they need `Authorization: Bearer <METRICS_TOKEN>` (Prometheus:
 * `authorization: { type: Bearer, credentials_file: … }`). Compared in constant time.
 */
export function holdsMetricsToken(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || typeof authorization !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** 404 while no token is configured (metrics off), 401 without the right one. */
export function assertMetricsToken(authorization: string | undefined, token: string | undefined): void {
  if (!token) throw ApiProblem.notFound('Adressen finns inte.');
  if (!holdsMetricsToken(authorization, token))
    throw new ApiProblem('UNAUTHENTICATED', 'Mätvärdena kräver Authorization: Bearer med METRICS_TOKEN.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
}
