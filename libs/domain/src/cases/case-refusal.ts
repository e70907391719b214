/**
 * Why `decideCase` refused a command. `code` maps to the API's problem codes (400 VALIDATION_FAILED,
 * 404 NOT_FOUND, 409 INVALID_TRANSITION / ALREADY_EXISTS); `reason` is stable English for programs,
 * `message` Swedish for people; `field` names the offending input for field-level errors.
 */
export type CaseRefusalCode = 'INVALID_TRANSITION' | 'VALIDATION_FAILED' | 'NOT_FOUND' | 'ALREADY_EXISTS';

export interface CaseRefusal {
  readonly code: CaseRefusalCode;
  readonly reason: string;
  readonly message: string;
  readonly field?: string;
}

export function caseRefusal(
  code: CaseRefusalCode,
  reason: string,
  message: string,
  field?: string,
): CaseRefusal {
  return field === undefined ? { code, reason, message } : { code, reason, message, field };
}
