import { stockholmDateOf } from '../calendar/stockholm-time';
import { addYearsToLocalDate } from '../records/gallring-due';
import type { LedningssystemDocumentState } from './ledningssystem-document';
import { isReviewOverdue, pendingReviewYear } from './ledningssystem-document';

/**
 * The seeds differ on how often the ledningssystem is revised: yearly (004) or every other year
 * (000, GAP-4). A decision older than the longer interval has run out (AUD-2 "giltighet löpt ut"):
 * the nämnd must decide on the document again, even when the yearly review found nothing to change.
 */
export const LEDNINGSSYSTEM_DECISION_VALID_YEARS = 2;

/** AUD-1, AUD-2: is there a nämnd decision on the document in force, and until when does it hold? */
export type LedningssystemDecisionStatus =
  | { readonly kind: 'not_registered' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'expired'; readonly decidedOn: string; readonly validUntil: string }
  | { readonly kind: 'valid'; readonly decidedOn: string; readonly validUntil: string };

export interface LedningssystemHealth {
  readonly decision: LedningssystemDecisionStatus;
  /** AUD-4: the March review that is due has not been completed. */
  readonly reviewOverdue: boolean;
  readonly pendingReviewYear: number | null;
}

export function ledningssystemDecisionStatus(
  state: LedningssystemDocumentState | null,
  at: Date,
): LedningssystemDecisionStatus {
  if (!state) return { kind: 'not_registered' };
  const current = state.versions[state.versions.length - 1];
  if (!current || current.decision.decidedBy !== 'namnd') return { kind: 'missing' };
  const validUntil = addYearsToLocalDate(current.validFrom, LEDNINGSSYSTEM_DECISION_VALID_YEARS);
  const decidedOn = current.decision.decidedOn;
  return stockholmDateOf(at) >= validUntil
    ? { kind: 'expired', decidedOn, validUntil }
    : { kind: 'valid', decidedOn, validUntil };
}

export function ledningssystemHealth(
  state: LedningssystemDocumentState | null,
  at: Date,
): LedningssystemHealth {
  return {
    decision: ledningssystemDecisionStatus(state, at),
    reviewOverdue: state !== null && isReviewOverdue(state, at),
    pendingReviewYear: state === null ? null : pendingReviewYear(state),
  };
}
