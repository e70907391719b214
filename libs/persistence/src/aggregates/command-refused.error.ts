import type { Refusal } from '@kvalitet/domain';

/**
 * A decider said no, whatever the aggregate. The API's problem filter renders it (400 with the field,
 * 404 or 409, by the refusal's code), so a service needs no mapping of its own; an activity turns it
 * into a non-retryable failure.
 */
export class CommandRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'CommandRefusedError';
  }
}
