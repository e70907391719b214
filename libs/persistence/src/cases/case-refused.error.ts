import type { CaseRefusal } from '@kvalitet/domain';

/** The decider said no; carries the named refusal to the caller (API → problem+json, activity → non-retryable). */
export class CaseRefusedError extends Error {
  constructor(readonly refusal: CaseRefusal) {
    super(refusal.message);
    this.name = 'CaseRefusedError';
  }
}
