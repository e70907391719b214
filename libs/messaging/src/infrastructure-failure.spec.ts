import { ServiceError } from '@temporalio/client';
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { QueryFailedError } from 'typeorm';
import { dependencyName, infrastructureFailure } from './infrastructure-failure';

const POSTGRES_PORT = 54329;

/** What @grpc/grpc-js rejects a call with (callErrorFromStatus): an Error with a numeric code, details and metadata. */
function grpcError(code: number, name: string, details: string): Error {
  return Object.assign(new Error(`${code} ${name}: ${details}`), { code, details, metadata: {} });
}

/** What @temporalio/client throws around it, e.g. from signalWithStart. */
function temporalClientError(cause: Error): ServiceError {
  return new ServiceError('Failed to signalWithStart Workflow', { cause });
}

/** What node:net emits when a connect fails (errno, code, syscall, address, port). */
function socketError(code: string, port: number, address = '127.0.0.1'): Error {
  return Object.assign(new Error(`connect ${code} ${address}:${port}`), {
    errno: -111,
    code,
    syscall: 'connect',
    address,
    port,
  });
}

/** What pg hands TypeORM and TypeORM throws (QueryFailedError copies the SQLSTATE to `code`). */
function queryFailed(sqlState: string, message: string): QueryFailedError {
  const driverError = Object.assign(new Error(message), { severity: 'ERROR', code: sqlState });
  return new QueryFailedError('INSERT INTO rm_cases (id) VALUES ($1)', ['x'], driverError);
}

describe('infrastructureFailure: outages', () => {
  it("a gRPC UNAVAILABLE wrapped in Temporal's ServiceError is Temporal, unreachable", () => {
    const error = temporalClientError(
      grpcError(
        14,
        'UNAVAILABLE',
        'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233',
      ),
    );
    expect(error.name).toBe('ServiceError');
    expect(infrastructureFailure(error)).toEqual({
      dependency: 'temporal',
      reason: 'unreachable',
      detail: 'gRPC 14: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233',
    });
  });

  it.each([
    [1, 'CANCELLED', 'unreachable'],
    [4, 'DEADLINE_EXCEEDED', 'timeout'],
    [8, 'RESOURCE_EXHAUSTED', 'busy'],
    [10, 'ABORTED', 'conflict'],
    [14, 'UNAVAILABLE', 'unreachable'],
  ] as const)('gRPC %i %s is Temporal, %s (bare and inside ServiceError)', (code, name, reason) => {
    const bare = grpcError(code, name, 'namnlös');
    expect(infrastructureFailure(bare)).toMatchObject({ dependency: 'temporal', reason });
    expect(infrastructureFailure(temporalClientError(bare))).toMatchObject({
      dependency: 'temporal',
      reason,
    });
  });

  it('a TypeORM QueryFailedError whose driverError says 57P01 (admin shutdown) is Postgres, unreachable', () => {
    const error = queryFailed('57P01', 'terminating connection due to administrator command');
    // Both the error and its driverError carry the code; the answer is the same either way.
    expect(infrastructureFailure(error)).toEqual({
      dependency: 'postgres',
      reason: 'unreachable',
      detail: 'SQLSTATE 57P01: terminating connection due to administrator command',
    });
    // Only the driverError knows (an older TypeORM, or a wrapper that copies nothing).
    const onlyDriver = {
      name: 'QueryFailedError',
      message: 'query failed',
      driverError: { code: '57P01', message: 'terminating connection due to administrator command' },
    };
    expect(infrastructureFailure(onlyDriver)).toMatchObject({
      dependency: 'postgres',
      reason: 'unreachable',
    });
  });

  it.each([
    ['08006', 'unreachable'],
    ['08001', 'unreachable'],
    ['57P02', 'unreachable'],
    ['57P03', 'unreachable'],
    ['53300', 'busy'],
    ['53100', 'busy'],
    ['40001', 'conflict'],
    ['40P01', 'conflict'],
    ['55P03', 'conflict'],
    ['57014', 'timeout'],
  ] as const)('SQLSTATE %s is Postgres, %s', (sqlState, reason) => {
    expect(infrastructureFailure(queryFailed(sqlState, 'något gick fel'))).toMatchObject({
      dependency: 'postgres',
      reason,
    });
  });

  it('the pg driver\'s own "Connection terminated unexpectedly" (no code) is Postgres, unreachable', () => {
    expect(infrastructureFailure(new Error('Connection terminated unexpectedly'))).toEqual({
      dependency: 'postgres',
      reason: 'unreachable',
      detail: 'Connection terminated unexpectedly',
    });
    expect(infrastructureFailure(new Error('timeout exceeded when trying to connect'))).toMatchObject({
      dependency: 'postgres',
      reason: 'timeout',
    });
    expect(infrastructureFailure(new Error('the database system is starting up'))).toMatchObject({
      dependency: 'postgres',
      reason: 'unreachable',
    });
    // TypeORM wraps it as the `cause` of its own error in places.
    expect(
      infrastructureFailure(
        new Error('transaction failed', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toMatchObject({ dependency: 'postgres' });
  });

  it("a socket error is Postgres when its port is Postgres's, the network otherwise, and Temporal inside a ServiceError", () => {
    expect(
      infrastructureFailure(socketError('ECONNREFUSED', POSTGRES_PORT), { postgresPort: POSTGRES_PORT }),
    ).toEqual({
      dependency: 'postgres',
      reason: 'unreachable',
      detail: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${POSTGRES_PORT}`,
    });
    expect(
      infrastructureFailure(socketError('ECONNREFUSED', 6379), { postgresPort: POSTGRES_PORT }),
    ).toMatchObject({ dependency: 'network', reason: 'unreachable' });
    expect(infrastructureFailure(socketError('ECONNREFUSED', POSTGRES_PORT))).toMatchObject({
      dependency: 'network',
    });
    expect(infrastructureFailure(socketError('ETIMEDOUT', 443))).toMatchObject({
      dependency: 'network',
      reason: 'timeout',
    });
    expect(infrastructureFailure(socketError('ECONNRESET', 443))).toMatchObject({
      dependency: 'network',
      reason: 'unreachable',
    });
    expect(infrastructureFailure(socketError('EPIPE', 443))).toMatchObject({
      dependency: 'network',
      reason: 'unreachable',
    });
    const viaTemporal = temporalClientError(socketError('ECONNREFUSED', 7233));
    expect(infrastructureFailure(viaTemporal, { postgresPort: POSTGRES_PORT })).toMatchObject({
      dependency: 'temporal',
      reason: 'unreachable',
    });
  });

  it('KafkaJS connection, timeout and retriable protocol errors are Kafka', () => {
    const connection = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
      broker: '127.0.0.1:9092',
    });
    expect(connection.name).toBe('KafkaJSConnectionError');
    expect(connection.retriable).toBe(true);
    expect(infrastructureFailure(connection)).toEqual({
      dependency: 'kafka',
      reason: 'unreachable',
      detail: 'KafkaJSConnectionError: Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    });
    // The same shape without the class (another copy of kafkajs, or a serialised error).
    expect(
      infrastructureFailure({
        name: 'KafkaJSConnectionError',
        message: 'Connection timeout',
        retriable: true,
      }),
    ).toMatchObject({ dependency: 'kafka' });
    expect(
      infrastructureFailure(
        new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out', {
          broker: '127.0.0.1:9092',
          clientId: 'kvalitet',
          correlationId: 7,
          createdAt: 0,
          sentAt: 0,
          pendingDuration: 0,
        }),
      ),
    ).toMatchObject({ dependency: 'kafka', reason: 'timeout' });
    const exhausted = new KafkaJSNumberOfRetriesExceeded(connection, { retryCount: 5, retryTime: 3000 });
    expect(infrastructureFailure(exhausted)).toMatchObject({ dependency: 'kafka', reason: 'unreachable' });
  });

  it('looks into an AggregateError: the first outage among its errors counts, a Postgres port wins over a bare socket error', () => {
    const aggregate = new AggregateError(
      [new Error('trasig händelse'), queryFailed('53300', 'sorry, too many clients already')],
      'flera fel',
    );
    expect(infrastructureFailure(aggregate)).toMatchObject({ dependency: 'postgres', reason: 'busy' });
    // Node ≥ 20 connects to every address of `localhost` at once and throws an AggregateError with
    // the first code on top and the port only on each attempt.
    const happyEyeballs = Object.assign(
      new AggregateError(
        [socketError('ECONNREFUSED', POSTGRES_PORT, '::1'), socketError('ECONNREFUSED', POSTGRES_PORT)],
        '',
      ),
      { code: 'ECONNREFUSED' },
    );
    expect(infrastructureFailure(happyEyeballs, { postgresPort: POSTGRES_PORT })).toMatchObject({
      dependency: 'postgres',
      reason: 'unreachable',
    });
    expect(infrastructureFailure(happyEyeballs)).toMatchObject({
      dependency: 'network',
      reason: 'unreachable',
    });
  });

  it('survives a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as Error & { cause?: unknown }).cause = b;
    expect(infrastructureFailure(a)).toBeNull();
    (b as Error & { code?: string; port?: number }).code = 'ECONNRESET';
    expect(infrastructureFailure(a)).toMatchObject({ dependency: 'network' });
  });
});

describe("infrastructureFailure: the event's own fault", () => {
  it('a plain Error is not an outage', () => {
    expect(infrastructureFailure(new Error('trasig händelse'))).toBeNull();
    expect(
      infrastructureFailure(new TypeError("Cannot read properties of undefined (reading 'unitId')")),
    ).toBeNull();
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint "rm_cases_pkey"'],
    ['23514', 'new row for relation "rm_cases" violates check constraint "rm_cases_stage_check"'],
    ['22008', 'date/time field value out of range: "2026-13-45"'],
    ['23503', 'insert or update on table "rm_tasks" violates foreign key constraint'],
    ['22P02', 'invalid input syntax for type uuid: "x"'],
  ])('SQLSTATE %s (%s) is not an outage', (sqlState, message) => {
    expect(infrastructureFailure(queryFailed(sqlState, message))).toBeNull();
  });

  it.each([
    [3, 'INVALID_ARGUMENT', 'WorkflowId is not set on request.'],
    [5, 'NOT_FOUND', 'namespace: nope not found'],
    [6, 'ALREADY_EXISTS', 'Workflow execution is already running'],
    [7, 'PERMISSION_DENIED', 'Request unauthorized.'],
  ])('gRPC %i %s is not an outage, bare or inside ServiceError', (code, name, details) => {
    expect(infrastructureFailure(grpcError(code, name, details))).toBeNull();
    expect(infrastructureFailure(temporalClientError(grpcError(code, name, details)))).toBeNull();
  });

  it('a KafkaJS error that is not retriable is not an outage', () => {
    const error = new KafkaJSProtocolError(
      Object.assign(new Error('The request attempted to perform an operation on an invalid topic.'), {
        type: 'INVALID_TOPIC_EXCEPTION',
        code: 17,
        retriable: false,
      }),
    );
    expect(error.retriable).toBe(false);
    expect(infrastructureFailure(error)).toBeNull();
  });

  it('nothing that is not an error', () => {
    for (const value of [undefined, null, 'Connection terminated unexpectedly', 14, {}, []])
      expect(infrastructureFailure(value)).toBeNull();
  });
});

describe('dependencyName', () => {
  it('names each dependency for operators', () => {
    expect(
      ['postgres', 'temporal', 'kafka', 'network'].map((d) =>
        dependencyName(d as Parameters<typeof dependencyName>[0]),
      ),
    ).toEqual(['Postgres', 'Temporal', 'Kafka', 'nätverket / the network']);
  });
});
