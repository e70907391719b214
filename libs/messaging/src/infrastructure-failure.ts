/** A server the consumers depend on; `network` when a bare socket error does not say which. */
export type Dependency = 'postgres' | 'temporal' | 'kafka' | 'network';

/** Why an attempt failed without the event being at fault: the server was away, or too busy to answer. */
export interface InfrastructureFailure {
  dependency: Dependency;
  /** Short and stable, for logs and metric labels: `unreachable`, `timeout`, `busy`, `conflict`. */
  reason: 'unreachable' | 'timeout' | 'busy' | 'conflict';
  detail: string;
}

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** gRPC status codes (Temporal): CANCELLED 1, DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8, ABORTED 10, UNAVAILABLE 14. */
const GRPC_REASONS: Record<number, InfrastructureFailure['reason']> = {
  1: 'unreachable',
  4: 'timeout',
  8: 'busy',
  10: 'conflict',
  14: 'unreachable',
};

/**
 * SQLSTATE classes and codes that say the database, not the event, failed: 08 connection exception,
 * 53 insufficient resources, 57P01–57P03 shutdown / cannot connect now, 40001 serialization failure,
 * 40P01 deadlock, 55P03 lock not available, 57014 statement timeout (a query cancelled while the
 * server was overloaded).
 */
function postgresReason(sqlState: string): InfrastructureFailure['reason'] | null {
  if (sqlState.startsWith('08') || ['57P01', '57P02', '57P03'].includes(sqlState)) return 'unreachable';
  if (sqlState.startsWith('53')) return 'busy';
  if (['40001', '40P01', '55P03'].includes(sqlState)) return 'conflict';
  if (sqlState === '57014') return 'timeout';
  return null;
}

/** Messages of the pg driver and pool that carry no code. */
const POSTGRES_MESSAGES: [RegExp, InfrastructureFailure['reason']][] = [
  [/Connection terminated/i, 'unreachable'],
  [/Client has encountered a connection error/i, 'unreachable'],
  [/Connection is not queryable|not queryable/i, 'unreachable'],
  [/timeout exceeded when trying to connect/i, 'timeout'],
  [/terminating connection/i, 'unreachable'],
  [/the database system is (starting up|shutting down|in recovery mode)/i, 'unreachable'],
];

type ErrorLike = Record<string, unknown> & { message?: unknown; name?: unknown };

function* causes(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    yield e;
    queue.push(e['cause'], e['driverError'], e['originalError']);
    if (Array.isArray(e['errors'])) queue.push(...(e['errors'] as unknown[]));
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Tells an outage from a bad event (issue 23): an attempt that failed because Postgres, Temporal or
 * Kafka could not be reached, timed out or was overloaded is retried without limit and never
 * dead-lettered; anything else is the event's (or the handler's) fault. Walks `cause`, TypeORM's
 * `driverError` and AggregateError's `errors`. `postgresPort` names a bare socket error on that port
 * as Postgres.
 */
export function infrastructureFailure(
  error: unknown,
  hints: { postgresPort?: number } = {},
): InfrastructureFailure | null {
  let network: InfrastructureFailure | null = null;
  let temporal = false;
  for (const e of causes(error)) {
    const name = text(e.name);
    const message = text(e.message);
    const code = e['code'];
    if (typeof code === 'number' && typeof e['details'] === 'string') {
      const reason = GRPC_REASONS[code];
      if (reason)
        return { dependency: 'temporal', reason, detail: `gRPC ${code}: ${text(e['details']) || message}` };
    }
    if (name === 'ServiceError') temporal = true;
    if (
      name.startsWith('KafkaJS') &&
      (e['retriable'] === true || /Connection|Timeout|NumberOfRetriesExceeded|BrokerNotFound/.test(name))
    ) {
      return {
        dependency: 'kafka',
        reason: /Timeout/.test(name) ? 'timeout' : 'unreachable',
        detail: `${name}: ${message}`,
      };
    }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const reason = postgresReason(code);
      if (reason) return { dependency: 'postgres', reason, detail: `SQLSTATE ${code}: ${message}` };
    }
    for (const [pattern, reason] of POSTGRES_MESSAGES) {
      if (pattern.test(message)) return { dependency: 'postgres', reason, detail: message };
    }
    // Node ≥ 20 throws an AggregateError with the code on top and the port only on each attempt:
    // a later socket error on Postgres's port still names Postgres.
    if (typeof code === 'string' && SOCKET_CODES.has(code) && network?.dependency !== 'postgres') {
      const port = typeof e['port'] === 'number' ? e['port'] : undefined;
      const dependency: Dependency =
        port !== undefined && port === hints.postgresPort ? 'postgres' : 'network';
      if (!network || dependency === 'postgres') {
        network = {
          dependency,
          reason: code === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
          detail: `${code}: ${message}`,
        };
      }
    }
  }
  if (network && temporal) return { ...network, dependency: 'temporal' };
  return network;
}

/** The Swedish and English name of a dependency, for log lines that operators read. */
export function dependencyName(dependency: Dependency): string {
  switch (dependency) {
    case 'postgres':
      return 'Postgres';
    case 'temporal':
      return 'Temporal';
    case 'kafka':
      return 'Kafka';
    case 'network':
      return 'nätverket / the network';
  }
}
