export type DependencyStatus = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };
export type Dependency = 'postgres' | 'temporal' | 'kafka';

/** `degraded`: Postgres answers, so reports are taken in, but Temporal or Kafka does not (they catch up from the outbox). */
export type Readiness = {
  ready: boolean;
  status: 'ready' | 'degraded' | 'unavailable';
  degraded: Dependency[];
  dependencies: Record<Dependency, DependencyStatus>;
};

/** The api is ready on Postgres alone (issue 20); Temporal and Kafka only degrade it. */
export function readinessOf(dependencies: Record<Dependency, DependencyStatus>): Readiness {
  const ready = dependencies.postgres.status === 'up';
  const degraded = (['temporal', 'kafka'] as const).filter((name) => dependencies[name].status === 'down');
  const status = !ready ? 'unavailable' : degraded.length > 0 ? 'degraded' : 'ready';
  return { ready, status, degraded, dependencies };
}
