import { DEFAULT_RISK_POLICY, TRAINING_AGGREGATE } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  CommandRefusedError,
  EventStore,
  LsCommandService,
  RiskAssessmentCommandService,
  VersionConflictError,
} from '@kvalitet/persistence';
import { ApiProblem } from './api-problem';
import { renderProblem } from './render-problem';

/** A stand-in with the shape of Nest's HttpException (Nest itself is ESM and not loadable here). */
class FakeHttpException extends Error {
  constructor(
    private readonly status: number,
    override readonly cause?: unknown,
  ) {
    super('http');
  }
  getStatus() {
    return this.status;
  }
  getResponse() {
    return {};
  }
}

describe('renderProblem', () => {
  it('passes an ApiProblem through with its headers', () => {
    expect(
      renderProblem(new ApiProblem('RATE_LIMITED', 'Vänta', { headers: { 'Retry-After': '3' } })),
    ).toEqual({
      code: 'RATE_LIMITED',
      status: 429,
      detail: 'Vänta',
      errors: undefined,
      headers: { 'Retry-After': '3' },
    });
  });

  it('maps the decider’s refusals by code', () => {
    const refused = (
      code: 'INVALID_TRANSITION' | 'VALIDATION_FAILED' | 'NOT_FOUND' | 'ALREADY_EXISTS',
      field?: string,
    ) =>
      renderProblem(
        new CommandRefusedError({ code, reason: 'R', message: 'Meddelande', ...(field ? { field } : {}) }),
      );
    expect(refused('VALIDATION_FAILED', 'dueAt')).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'dueAt', code: 'R', message: 'Meddelande' }],
    });
    expect(refused('INVALID_TRANSITION')).toMatchObject({
      status: 409,
      code: 'INVALID_TRANSITION',
      detail: 'Meddelande',
    });
    expect(refused('NOT_FOUND', 'actionId')).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      errors: [{ field: 'actionId', code: 'R' }],
    });
    expect(refused('NOT_FOUND')).not.toHaveProperty('errors');
    expect(refused('ALREADY_EXISTS')).toMatchObject({
      status: 409,
      code: 'ALREADY_EXISTS',
      errors: [{ field: '', code: 'R', message: 'Meddelande' }],
    });
  });

  it('maps a version conflict to 409 VERSION_CONFLICT', () => {
    expect(renderProblem(new VersionConflictError('id', 4))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      detail: expect.stringContaining('version 4'),
    });
  });

  it('maps body-parser failures to 400, 413 and 415', () => {
    expect(renderProblem(new FakeHttpException(400, { type: 'entity.parse.failed' }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'Begärans JSON går inte att tolka.',
    });
    expect(renderProblem(new FakeHttpException(413, { type: 'entity.too.large' }))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(renderProblem(new FakeHttpException(415, { type: 'charset.unsupported' }))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(renderProblem(new FakeHttpException(400, new URIError('bad')))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(renderProblem(new FakeHttpException(404))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers an unreachable database with 503 and anything else with 500, without internals', () => {
    expect(
      renderProblem(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({ status: 503, code: 'UNAVAILABLE', headers: { 'Retry-After': '5' } });
    expect(renderProblem(Object.assign(new Error('q'), { driverError: { code: '57P01' } }))).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
    });
    const internal = renderProblem(new TypeError('cannot read x of undefined'));
    expect(internal).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(internal.detail).not.toContain('undefined');
  });
});

/**
 * A refusal needs no mapping in the service that meets it: whichever command service throws it, the
 * global filter renders it (a service that once forgot `orProblem()` answered 500).
 */
describe('renderProblem of a refusal thrown by a command service', () => {
  const actor = { username: 'sas', roles: ['unit_manager'] };
  const recordId = '5f0c6f57-4f4e-4d43-9a57-1d1f3a2d9a01';
  const registered: EventEnvelope = {
    id: 'e1',
    position: '1',
    aggregateType: 'training',
    aggregateId: recordId,
    version: 1,
    type: 'EmployeeRegistered',
    schemaVersion: 1,
    data: { recordId, username: 'anna', unitId: 'solgarden', hiredOn: '2026-01-05', nextDue: '2026-02-04' },
    metadata: { actor: 'sas', correlationId: 'c1' },
    occurredAt: '2026-01-05T08:00:00.000Z',
    recordedAt: '2026-01-05T08:00:00.000Z',
  };
  /** The store as far as a refused command reaches it: a transaction and the stream's events. */
  const storeWith = (events: EventEnvelope[]) =>
    ({
      transaction: (work: (manager: unknown) => Promise<unknown>) => work({}),
      load: () => Promise.resolve(events),
    }) as unknown as EventStore;
  const problemOf = (work: () => Promise<unknown>) =>
    work().then(
      () => {
        throw new Error('the command was accepted');
      },
      (error: unknown) => renderProblem(error),
    );
  /** Registers anna, hired on `hiredOn`, in a training register whose stream holds `events`. */
  const registerAnna = (events: EventEnvelope[], hiredOn: string) =>
    problemOf(() =>
      new LsCommandService(TRAINING_AGGREGATE, storeWith(events)).execute(recordId, {
        type: 'register-employee',
        actor,
        data: { recordId, username: 'anna', unitId: 'solgarden', hiredOn },
      }),
    );

  it('renders a register’s validation refusal as 400 with the field and the Swedish message', async () => {
    await expect(registerAnna([], '5 januari')).resolves.toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      detail: 'Anställningsdatum måste vara ett datum',
      errors: [{ field: 'hiredOn', code: 'INVALID_DATE', message: 'Anställningsdatum måste vara ett datum' }],
    });
  });

  it('renders a register’s "already there" as 409 and a missing one as 404', async () => {
    await expect(registerAnna([registered], '2026-01-05')).resolves.toMatchObject({
      code: 'ALREADY_EXISTS',
      status: 409,
      detail: 'Personen finns redan i registret',
    });
    const empty = new LsCommandService(TRAINING_AGGREGATE, storeWith([]));
    await expect(
      problemOf(() =>
        empty.execute(recordId, { type: 'record-leaving', actor, data: { leftOn: '2026-06-30' } }),
      ),
    ).resolves.toEqual({ code: 'NOT_FOUND', status: 404, detail: 'Personen finns inte i registret' });
  });

  it('renders a risk assessment’s refusal the same way', async () => {
    const risks = new RiskAssessmentCommandService(storeWith([]), {
      current: () => Promise.resolve(DEFAULT_RISK_POLICY),
    });
    await expect(
      problemOf(() => risks.execute(recordId, { type: 'start', actor, data: {} })),
    ).resolves.toEqual({ code: 'NOT_FOUND', status: 404, detail: 'Riskanalysen finns inte.' });
  });
});
