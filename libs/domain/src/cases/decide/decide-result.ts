import type { CaseEvent } from '../case-events';
import type { CaseRefusal } from '../case-refusal';

export type DecideCaseResult =
  | { readonly ok: true; readonly events: readonly CaseEvent[] }
  | { readonly ok: false; readonly refusal: CaseRefusal };

export function accepted(...events: CaseEvent[]): DecideCaseResult {
  return { ok: true, events };
}

export function refused(refusal: CaseRefusal): DecideCaseResult {
  return { ok: false, refusal };
}
