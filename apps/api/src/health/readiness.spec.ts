import { readinessOf, type DependencyStatus } from './readiness';

const up: DependencyStatus = { status: 'up', latencyMs: 2 };
const down: DependencyStatus = { status: 'down', error: 'inget svar inom 3000 ms' };

describe('readiness of the api (issue 20)', () => {
  it('is ready when all three answer', () => {
    expect(readinessOf({ postgres: up, temporal: up, kafka: up })).toMatchObject({
      ready: true,
      status: 'ready',
      degraded: [],
    });
  });

  it('stays ready, degraded, when Temporal or Kafka or both do not answer', () => {
    expect(readinessOf({ postgres: up, temporal: down, kafka: up })).toMatchObject({
      ready: true,
      status: 'degraded',
      degraded: ['temporal'],
    });
    expect(readinessOf({ postgres: up, temporal: down, kafka: down })).toMatchObject({
      ready: true,
      status: 'degraded',
      degraded: ['temporal', 'kafka'],
    });
  });

  it('is unavailable without Postgres, whatever the others say', () => {
    expect(readinessOf({ postgres: down, temporal: up, kafka: up })).toMatchObject({
      ready: false,
      status: 'unavailable',
    });
  });
});
