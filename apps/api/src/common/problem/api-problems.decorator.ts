import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-code';
import { ProblemDto } from './problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Felaktig begäran (VALIDATION_FAILED), med fältfel i `errors`',
  401: 'Inte inloggad (UNAUTHENTICATED)',
  403: 'Ingen behörighet (FORBIDDEN)',
  404: 'Finns inte eller inte synligt för dig (NOT_FOUND)',
  409: 'Otillåten i ärendets läge (INVALID_TRANSITION), inaktuell version (VERSION_CONFLICT) eller ingen giltig delegation för beslutet (DELEGATION_MISSING)',
  413: 'För stor begäran (PAYLOAD_TOO_LARGE)',
  415: 'Inte application/json (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Idempotency-Key redan använd med en annan begäran (IDEMPOTENCY_CONFLICT)',
  429: 'För många förfrågningar (RATE_LIMITED), se Retry-After',
  503: 'Tillfälligt otillgänglig (UNAVAILABLE), se Retry-After',
};

/** Documents the problem+json answers an operation can give (500 is never expected and not listed). */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, 503])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
