import { isValidLocalDate } from '../calendar/local-date';
import { parseIsoDuration, isZeroDuration } from '../policy/iso-duration';
import { newRefusal } from '../common/refusal';
import type { Decision, Refusal } from '../common/refusal';

/**
 * What the registers of the ledningssystem (routines, egenkontroll, internkontroll, appointments,
 * training, the ledningssystem document) share: the actor, adoption decisions and the decider's
 * `accept`/`refuse` (its `Refusal` and `Decision` are every aggregate's, `common/refusal.ts`). Pure:
 * time is always a parameter.
 */

export interface LsActor {
  readonly username: string;
  readonly roles: readonly string[];
}

/** A register command as a person gives it: what to do, who asks, and with what. */
export interface LsCommand<T extends string, D> {
  readonly type: T;
  readonly actor: LsActor;
  readonly data: D;
}

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });
export const refuse = <E>(refusal: Refusal): Decision<E> => ({ ok: false, refusal });
/** A command refused because its input breaks a rule: `reason` names the rule, `field` the input. */
export const invalid = <E>(reason: string, message: string, field?: string): Decision<E> =>
  refuse(newRefusal('VALIDATION_FAILED', reason, message, field));

/** Who adopts a document or makes an appointment (R-1, R-3, R-4, PR-3 "på den nivå där mandat … ligger"). */
export const DECIDING_BODIES = [
  'namnd',
  'namndens_presidium',
  'forvaltningschef',
  'ledningsgrupp',
  'avdelningschef',
  'enhetschef',
  'mas',
  'kvalitetssamordnare',
] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];

export const DECIDING_BODY_LABELS: Readonly<Record<DecidingBody, string>> = {
  namnd: 'Nämnden',
  namndens_presidium: 'Nämndens presidium',
  forvaltningschef: 'Förvaltningschef',
  ledningsgrupp: 'Ledningsgrupp',
  avdelningschef: 'Avdelningschef',
  enhetschef: 'Enhetschef',
  mas: 'MAS',
  kvalitetssamordnare: 'Kvalitetssamordnare',
};

/** The decision that adopted a document or made an appointment (AUD-1, AUD-3, AUD-5, R-15). */
export interface AdoptionDecision {
  readonly decidedBy: DecidingBody;
  /** `YYYY-MM-DD` */
  readonly decidedOn: string;
  /** The minute paragraph or decision number, e.g. "SN 2026-02-12 § 14". */
  readonly reference: string;
}

export function isDecidingBody(value: unknown): value is DecidingBody {
  return typeof value === 'string' && (DECIDING_BODIES as readonly string[]).includes(value);
}

export function validateDecision(decision: AdoptionDecision, field: string): Refusal | null {
  if (!isDecidingBody(decision.decidedBy))
    return newRefusal(
      'VALIDATION_FAILED',
      'UNKNOWN_DECIDING_BODY',
      'Okänt beslutande organ',
      `${field}.decidedBy`,
    );
  const invalidDate = requireLocalDate(
    decision.decidedOn,
    `${field}.decidedOn`,
    'Beslutsdatum måste vara ett datum (ÅÅÅÅ-MM-DD)',
  );
  if (invalidDate) return invalidDate;
  if (decision.reference.trim().length === 0)
    return newRefusal(
      'VALIDATION_FAILED',
      'REQUIRED',
      'Beslutet måste ha en referens (paragraf eller diarienummer)',
      `${field}.reference`,
    );
  return null;
}

/** A positive ISO-8601 duration (`P1Y`, `P6M`, `PT1H` in demos). */
export function isPositiveIsoDuration(value: string): boolean {
  const parsed = parseIsoDuration(value);
  return parsed !== null && parsed.sign > 0 && !isZeroDuration(parsed);
}

export function requireText(value: string | undefined, field: string, label: string): Refusal | null {
  if (value === undefined || value.trim().length === 0)
    return newRefusal('VALIDATION_FAILED', 'REQUIRED', `${label} måste anges`, field);
  return null;
}

/** A refusal with `message` unless `value` is a date (`YYYY-MM-DD`). */
export function requireLocalDate(value: string, field: string, message: string): Refusal | null {
  return isValidLocalDate(value) ? null : newRefusal('VALIDATION_FAILED', 'INVALID_DATE', message, field);
}
