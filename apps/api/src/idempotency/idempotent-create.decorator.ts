import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';

export const RECOVERABLE_CREATE = 'kvalitet:recoverable-create';

/** Request fields the idempotency interceptor sets for the handler. */
export interface IdempotentRequest {
  idempotency?: { readonly aggregateId: string };
}

/**
 * Marks a creating route whose handler creates its resource under the id `@IdempotentId()` gives, and
 * answers with the existing resource when that id is already taken (`createOnce`). Only then may a retry take over a
 * claim whose holder died (ADR 0009); other routes keep answering 503 until the claim is released.
 */
export const RecoverableCreate = () => SetMetadata(RECOVERABLE_CREATE, true);

/** The resource id bound to the request's Idempotency-Key (the same for every retry), if it sent one. */
export const IdempotentId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<IdempotentRequest>().idempotency?.aggregateId,
);
