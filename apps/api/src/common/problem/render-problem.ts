import type { Refusal } from '@kvalitet/domain';
import { CommandRefusedError, VersionConflictError } from '@kvalitet/persistence';
import { ApiProblem } from './api-problem';
import { PROBLEM_CODES, type ProblemCode } from './problem-code';
import type { ProblemFieldError } from './problem-details';

interface HttpErrorCause {
  type?: string;
  status?: number;
}

const DETAIL_BY_STATUS: Record<number, [ProblemCode, string]> = {
  400: ['VALIDATION_FAILED', 'Begäran är felaktig.'],
  401: ['UNAUTHENTICATED', 'Du måste logga in (Authorization: Bearer …).'],
  403: ['FORBIDDEN', 'Du har inte behörighet att göra detta.'],
  404: ['NOT_FOUND', 'Adressen finns inte.'],
  405: ['NOT_FOUND', 'Metoden finns inte för adressen.'],
  413: ['PAYLOAD_TOO_LARGE', 'Begäran är för stor.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Begäran måste skickas som application/json (UTF-8).'],
  429: ['RATE_LIMITED', 'För många förfrågningar; vänta en stund och försök igen.'],
};

/** Body-parser failures by their `type` (http-errors from body-parser / raw-body). */
const BODY_ERRORS: Record<string, [ProblemCode, number, string]> = {
  'entity.parse.failed': ['VALIDATION_FAILED', 400, 'Begärans JSON går inte att tolka.'],
  'entity.too.large': ['PAYLOAD_TOO_LARGE', 413, 'Begäran är för stor.'],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 415, 'Begärans kodning stöds inte.'],
  'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 415, 'Begärans teckenkodning stöds inte; använd UTF-8.'],
  'request.aborted': ['VALIDATION_FAILED', 400, 'Begäran avbröts innan den var mottagen.'],
  'request.size.invalid': ['VALIDATION_FAILED', 400, 'Begärans längd stämmer inte med Content-Length.'],
  'stream.encoding.set': ['VALIDATION_FAILED', 400, 'Begäran kunde inte läsas.'],
  'parameters.too.many': ['PAYLOAD_TOO_LARGE', 413, 'Begäran har för många parametrar.'],
};

/** Postgres SQLSTATE classes and socket errors that mean "the database is not reachable right now". */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P03' ||
    code === '53300' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)
  );
}

export interface RenderedProblem {
  code: ProblemCode;
  status: number;
  detail: string;
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
}

/** Nest's HttpException, recognised by shape so that this file needs no framework import. */
function isHttpException(value: unknown): value is { getStatus(): number; cause?: unknown } {
  return (
    value instanceof Error &&
    typeof (value as { getStatus?: unknown }).getStatus === 'function' &&
    typeof (value as { getResponse?: unknown }).getResponse === 'function'
  );
}

/**
 * A decider's refusal, from any aggregate and any service: 400 VALIDATION_FAILED, 404 NOT_FOUND or
 * 409 INVALID_TRANSITION / ALREADY_EXISTS, with the Swedish message as the detail. The refusal's
 * reason is the field error's code (field '' when the refusal names none); a 404 without a field has
 * no field errors.
 */
function refusalProblem(refusal: Refusal): RenderedProblem {
  const errors: ProblemFieldError[] = [
    { field: refusal.field ?? '', code: refusal.reason, message: refusal.message },
  ];
  const withErrors = refusal.code !== 'NOT_FOUND' || refusal.field !== undefined;
  return {
    code: refusal.code,
    status: PROBLEM_CODES[refusal.code].status,
    detail: refusal.message,
    ...(withErrors ? { errors } : {}),
  };
}

/** Maps anything thrown to the problem+json of api.md; nothing a client sends ends as a 500. */
export function renderProblem(exception: unknown): RenderedProblem {
  if (exception instanceof ApiProblem) {
    return {
      code: exception.code,
      status: exception.status,
      detail: exception.detail,
      errors: exception.options.errors,
      headers: exception.options.headers,
    };
  }
  if (exception instanceof CommandRefusedError) return refusalProblem(exception.refusal);
  if (exception instanceof VersionConflictError) {
    return {
      code: 'VERSION_CONFLICT',
      status: 409,
      detail: `Någon annan har hunnit ändra sedan version ${exception.expectedVersion} som du utgick från; läs om och försök igen.`,
    };
  }
  if (isHttpException(exception)) {
    const status = exception.getStatus();
    const cause = exception.cause as HttpErrorCause | undefined;
    const bodyError = cause?.type ? BODY_ERRORS[cause.type] : undefined;
    if (bodyError) return { code: bodyError[0], status: bodyError[1], detail: bodyError[2] };
    if (exception.cause instanceof SyntaxError)
      return { code: 'VALIDATION_FAILED', status: 400, detail: 'Begärans JSON går inte att tolka.' };
    if (exception.cause instanceof URIError)
      return {
        code: 'VALIDATION_FAILED',
        status: 400,
        detail: 'Adressen innehåller en felaktig procentkodning.',
      };
    const known = DETAIL_BY_STATUS[status];
    if (known) return { code: known[0], status, detail: known[1] };
    if (status < 500) return { code: 'VALIDATION_FAILED', status, detail: 'Begäran kan inte behandlas.' };
    if (status === 503)
      return {
        code: 'UNAVAILABLE',
        status,
        detail: 'Tjänsten är tillfälligt otillgänglig; försök igen om en stund.',
        headers: { 'Retry-After': '5' },
      };
  }
  if (isUnavailable(exception) || isUnavailable((exception as { driverError?: unknown })?.driverError)) {
    return {
      code: 'UNAVAILABLE',
      status: 503,
      detail: 'Databasen svarar inte just nu; försök igen om en stund.',
      headers: { 'Retry-After': '5' },
    };
  }
  return {
    code: 'INTERNAL_ERROR',
    status: 500,
    detail: 'Ett oväntat fel inträffade. Ange begärans id om du kontaktar supporten.',
  };
}
