import type { Refusal } from '@kvalitet/domain';

/** A register's decider said no (API → problem+json; activity → non-retryable failure). */
export class LsRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'LsRefusedError';
  }
}
