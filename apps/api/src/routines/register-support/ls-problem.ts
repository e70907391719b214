import { LsRefusedError } from '@kvalitet/persistence';
import { ApiProblem } from '../../common/problem/api-problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path must be a UUID (400 naming the field), never a failed query. */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id)) throw ApiProblem.validation([{ field: 'id', code: 'INVALID_FORMAT', message: `${what} måste anges med ett UUID.` }]);
  return id.toLowerCase();
}

/** A register decider's refusal as problem+json: 400 with the field, 404, or 409. */
export function problemOf(error: unknown): unknown {
  if (!(error instanceof LsRefusedError)) return error;
  const { refusal } = error;
  const errors = [{ field: refusal.field ?? '', code: refusal.reason, message: refusal.message }];
  switch (refusal.code) {
    case 'VALIDATION_FAILED':
      return ApiProblem.validation(errors, refusal.message);
    case 'NOT_FOUND':
      return ApiProblem.notFound(refusal.message);
    case 'ALREADY_EXISTS':
      return new ApiProblem('ALREADY_EXISTS', refusal.message, { errors });
    case 'INVALID_TRANSITION':
      return new ApiProblem('INVALID_TRANSITION', refusal.message, { errors });
  }
}

/** Runs a register command and turns a refusal into the matching problem. */
export async function orProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw problemOf(error);
  }
}
