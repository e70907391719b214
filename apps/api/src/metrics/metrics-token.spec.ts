import { ApiProblem } from '../common/problem/api-problem';
import { assertMetricsToken, holdsMetricsToken } from './metrics-token';

const TOKEN = 'scrape-token-0123456789';

describe('metrics token', () => {
  it('accepts only Authorization: Bearer with the configured token', () => {
    expect(holdsMetricsToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(holdsMetricsToken(`bearer   ${TOKEN} `, TOKEN)).toBe(true);
    expect(holdsMetricsToken(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(holdsMetricsToken(TOKEN, TOKEN)).toBe(false);
    expect(holdsMetricsToken(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(holdsMetricsToken(undefined, TOKEN)).toBe(false);
    expect(holdsMetricsToken(`Bearer ${TOKEN}`, undefined)).toBe(false);
  });

  it('makes /metrics 404 while no token is configured and 401 without the right one', () => {
    const problem = (authorization: string | undefined, token: string | undefined) => {
      try {
        assertMetricsToken(authorization, token);
        return undefined;
      } catch (error) {
        return error instanceof ApiProblem ? [error.status, error.code] : error;
      }
    };
    expect(problem(`Bearer ${TOKEN}`, undefined)).toEqual([404, 'NOT_FOUND']);
    expect(problem(undefined, TOKEN)).toEqual([401, 'UNAUTHENTICATED']);
    expect(problem('Bearer nope', TOKEN)).toEqual([401, 'UNAUTHENTICATED']);
    expect(problem(`Bearer ${TOKEN}`, TOKEN)).toBeUndefined();
  });
});
