/**
 * Why a decider refused a command, for every aggregate (cases, risk assessments, improvement, the
 * registers of the ledningssystem). `code` is the API's stable problem code (400 VALIDATION_FAILED,
 * 404 NOT_FOUND, 409 INVALID_TRANSITION / ALREADY_EXISTS); `reason` is stable English for programs,
 * `message` Swedish for people; `field` names the offending input for field-level errors.
 */
export type RefusalCode =
  | 'INVALID_TRANSITION'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  /** 409: the caller holds no delegation of the register valid on the day (AUD-6). */
  | 'DELEGATION_MISSING';

export interface Refusal {
  readonly code: RefusalCode;
  readonly reason: string;
  readonly message: string;
  readonly field?: string;
}

export function newRefusal(code: RefusalCode, reason: string, message: string, field?: string): Refusal {
  return field === undefined ? { code, reason, message } : { code, reason, message, field };
}

/** What a decider answers: the events a command gives, or why it was refused. */
export type Decision<E> =
  { readonly ok: true; readonly events: readonly E[] } | { readonly ok: false; readonly refusal: Refusal };
