import type { CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';

/** A case's records side (api.md v1.1 "Records and gallring", DATA-2, DATA-7, ADR 0027). */
export interface RecordsView {
  /** The hold against gallring, with its reason (free text, erased with the case). */
  legalHold: { reason: string; placedAt: string; placedBy: string } | null;
  /** When the case was erased by gallring; its free text then reads `[raderad]`. */
  erasedAt: string | null;
  /** Under which rule, and by whom (`gallring` or a user). */
  erasure: {
    rule: { caseType: string; keepYears: number; from: string };
    erasedBy: string;
  } | null;
}

export function recordsView(state: CaseAggregateState, events: readonly EventEnvelope[]): RecordsView {
  let reason = '';
  let erasure: RecordsView['erasure'] = null;
  for (const event of events) {
    if (event.type === 'LegalHoldPlaced') reason = String(event.data['reason'] ?? '');
    if (event.type === 'CaseErased') {
      const rule = event.data['rule'] as { caseType: string; keepYears: number; from: string };
      erasure = { rule, erasedBy: String(event.data['erasedBy'] ?? '') };
    }
  }
  return {
    legalHold: state.legalHold ? { reason, ...state.legalHold } : null,
    erasedAt: state.erasedAt ?? null,
    erasure,
  };
}

const ERASED = '[raderad]';

/** Free text that events recorded before 2026-12-07 keep in their row (ADR 0002 amended). */
const FREE_TEXT_IN_OLD_ROWS: Readonly<Record<string, string>> = {
  ActionAdded: 'title',
  PatientInformed: 'notPossibleReason',
};

/**
 * An erased case's action titles (and why the patient could not be told) read `[raderad]` too: in
 * events recorded before they became personal fields they are still in the event row, which erasure
 * cannot touch, so an erased case's reads blank them (ADR 0027).
 */
export function withErasedTitles(events: readonly EventEnvelope[]): readonly EventEnvelope[] {
  if (!events.some((e) => e.type === 'CaseErased')) return events;
  return events.map((e) => {
    const field = FREE_TEXT_IN_OLD_ROWS[e.type];
    return field !== undefined && typeof e.data[field] === 'string'
      ? { ...e, data: { ...e.data, [field]: ERASED } }
      : e;
  });
}
