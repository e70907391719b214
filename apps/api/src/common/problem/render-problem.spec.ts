import { CaseRefusedError, VersionConflictError } from '@kvalitet/persistence';
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
        new CaseRefusedError({ code, reason: 'R', message: 'Meddelande', ...(field ? { field } : {}) }),
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
    expect(refused('NOT_FOUND', 'actionId')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(refused('ALREADY_EXISTS')).toMatchObject({ status: 409, code: 'ALREADY_EXISTS' });
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
