import { PROBLEM_CODES, type ProblemCode } from './problem-code';
import type { ProblemFieldError } from './problem-details';

/**
 * An error answer decided by the application: thrown anywhere, rendered by the global filter as
 * problem+json. `detail` and field messages are Swedish; `code` is stable English.
 */
export class ApiProblem extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly options: {
      errors?: ProblemFieldError[];
      headers?: Record<string, string>;
      status?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = options.status ?? PROBLEM_CODES[code].status;
  }

  static validation(
    errors: ProblemFieldError[],
    detail = 'Begäran innehåller fel; se errors för vilka fält som är fel.',
  ): ApiProblem {
    return new ApiProblem('VALIDATION_FAILED', detail, { errors });
  }

  /** A settings document not saved (`subject` sparades inte), led by its first error's message. */
  static documentInvalid(subject: string, errors: readonly ProblemFieldError[]): ApiProblem {
    return ApiProblem.validation(
      errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
      `${subject} sparades inte: ${errors[0]!.message}${
        errors.length > 1 ? ` (och ${errors.length - 1} fel till; se errors)` : ''
      }`,
    );
  }

  static forbidden(detail = 'Du har inte behörighet att göra detta.'): ApiProblem {
    return new ApiProblem('FORBIDDEN', detail);
  }

  static notFound(
    detail = 'Det du söker finns inte, eller så har du inte behörighet att se det.',
  ): ApiProblem {
    return new ApiProblem('NOT_FOUND', detail);
  }

  static unauthenticated(detail = 'Du måste logga in (Authorization: Bearer …).'): ApiProblem {
    return new ApiProblem('UNAUTHENTICATED', detail, {
      headers: { 'WWW-Authenticate': 'Bearer realm="kvalitetsledning"' },
    });
  }
}
