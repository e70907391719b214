import { isValidLocalDate, type LocalDate } from '../calendar/local-date';
import type { AdoptionDecision } from '../ledningssystem/ledningssystem-common';
import type {
  AppointmentDecisionType,
  AppointmentScope,
  AppointmentState,
} from '../appointments/appointment-types';
import { newRefusal, type Refusal } from '../common/refusal';
import type { DelegationDecision, DelegationItem } from './delegation-register';

/**
 * One model (ADR 0034): a delegation of the register is the förordnande of a `delegat`. The register
 * stays the store, because the statutory steps read it in one piece when they decide who may decide;
 * the appointments register shows its rows as förordnanden and writes to it.
 */
export const APPOINTMENT_DECISION_OF_DELEGATION: Readonly<
  Record<DelegationDecision, AppointmentDecisionType>
> = {
  lex_sarah_decision: 'lex_sarah_decision',
  lex_sarah_ivo_report: 'lex_sarah_ivo_notification',
  lex_maria_classification: 'lex_maria_classification',
  lex_maria_decision: 'lex_maria_decision',
  lex_maria_ivo_report: 'lex_maria_ivo_notification',
};

/** The register's decision for a delegate's decision type; null for one the register does not hold (complaint answers). */
export function delegationDecisionOf(type: AppointmentDecisionType | null): DelegationDecision | null {
  const entry = Object.entries(APPOINTMENT_DECISION_OF_DELEGATION).find(([, t]) => t === type);
  return entry ? (entry[0] as DelegationDecision) : null;
}

/** The fields of a förordnande that the registers share (enough to judge what is missing, AUD-5/AUD-6). */
export type AppointmentView = Pick<
  AppointmentState,
  | 'id'
  | 'role'
  | 'holder'
  | 'scope'
  | 'decision'
  | 'validFrom'
  | 'validTo'
  | 'delegationReference'
  | 'status'
  | 'ended'
> & {
  /** A delegation to a role (e.g. `director`) rather than to a person. */
  readonly holderRole: string | null;
  /** Where it is stored: an appointment of its own, or a row of the delegation register. */
  readonly source: 'appointment' | 'delegation_register';
};

const DATE_IN_TEXT = /\d{4}-\d{2}-\d{2}/;

/** A register row as a förordnande. A row saved without a date of decision takes the one in its nämnd reference, else its first day. */
export function delegationAsAppointment(item: DelegationItem & { readonly id: string }): AppointmentView {
  const referenceDate = item.boardDecision?.match(DATE_IN_TEXT)?.[0];
  const decision: AdoptionDecision = {
    decidedBy: item.decidedBy ?? 'namnd',
    decidedOn:
      item.decidedOn ?? (referenceDate && isValidLocalDate(referenceDate) ? referenceDate : item.validFrom),
    reference: item.boardDecision ?? '',
  };
  const scope: AppointmentScope = {
    unitId: 'forvaltning',
    processId: null,
    decisionType: APPOINTMENT_DECISION_OF_DELEGATION[item.decision],
  };
  return {
    id: item.id,
    role: 'delegat',
    holder: item.username ?? item.role ?? '',
    holderRole: item.role ?? null,
    scope,
    decision,
    validFrom: item.validFrom,
    validTo: item.validTo,
    delegationReference: item.delegationReference ?? null,
    status: item.ended ? 'ended' : 'active',
    ended: item.ended ? { ...item.ended } : null,
    source: 'delegation_register',
  };
}

/** A stored appointment as the shared view. */
export function storedAppointmentView(state: AppointmentState): AppointmentView {
  return {
    id: state.id,
    role: state.role,
    holder: state.holder,
    holderRole: null,
    scope: state.scope,
    decision: state.decision,
    validFrom: state.validFrom,
    validTo: state.validTo,
    delegationReference: state.delegationReference,
    status: state.status,
    ended: state.ended,
    source: 'appointment',
  };
}

/**
 * The one list of förordnanden: stored appointments, but not delegates for a decision of the
 * register (those written before ADR 0034 were never what the statutory steps obeyed), and the
 * register's rows. Is it in force on `on`? A row is while its window holds (an ended row's window
 * closes on its end day); a stored appointment while active and in its window.
 */
export function oneAppointmentRegister(
  stored: readonly AppointmentState[],
  delegations: readonly DelegationItem[],
): AppointmentView[] {
  return [
    ...stored
      .filter((a) => !(a.role === 'delegat' && delegationDecisionOf(a.scope.decisionType) !== null))
      .map(storedAppointmentView),
    ...withDelegationIds(delegations, [], fallbackDelegationId).map(delegationAsAppointment),
  ];
}

/** The id of a row saved before rows had ids: its place in the register, until the next save keeps it. */
export function fallbackDelegationId(index: number): string {
  return `0000000d-e1e0-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
}

export function isAppointmentViewInForce(view: AppointmentView, on: LocalDate): boolean {
  const inWindow = view.validFrom <= on && (view.validTo === null || on <= view.validTo);
  return view.source === 'delegation_register' ? inWindow : view.status === 'active' && inWindow;
}

/**
 * Rows keep their id and förordnande details across a save that leaves them out (the delegation
 * settings page sends only the register's own fields): a row takes those of the first unused earlier
 * row with the same decision, holder and first day; a new row gets `newId`.
 */
export function withDelegationIds(
  items: readonly DelegationItem[],
  previous: readonly DelegationItem[],
  newId: (index: number) => string,
): (DelegationItem & { readonly id: string })[] {
  const used = new Set<number>();
  const sameRow = (a: DelegationItem, b: DelegationItem) =>
    a.decision === b.decision &&
    a.role === b.role &&
    a.username === b.username &&
    a.validFrom === b.validFrom;
  return items.map((item, index) => {
    if (item.id !== undefined) return { ...item, id: item.id };
    const match = previous.findIndex((p, i) => !used.has(i) && p.id !== undefined && sameRow(p, item));
    if (match < 0) return { ...item, id: newId(index) };
    used.add(match);
    const { id, decidedBy, decidedOn, delegationReference, ended } = previous[match]!;
    return {
      ...(decidedBy === undefined ? {} : { decidedBy }),
      ...(decidedOn === undefined ? {} : { decidedOn }),
      ...(delegationReference === undefined ? {} : { delegationReference }),
      ...(ended === undefined || (item.validTo !== null && item.validTo !== ended.on) ? {} : { ended }),
      ...item,
      id: id!,
    };
  });
}

export type DelegationRowChange =
  | { readonly ok: true; readonly items: DelegationItem[]; readonly row: DelegationItem & { id: string } }
  | { readonly ok: false; readonly refusal: Refusal };

/** Ends a row of the register on `on` (its last day): it stays listed, as ended (AUD-6 history). */
export function endDelegation(
  items: readonly DelegationItem[],
  id: string,
  end: { readonly on: LocalDate; readonly reason: string; readonly by: string },
): DelegationRowChange {
  const index = items.findIndex((item) => item.id === id);
  const item = items[index];
  if (item === undefined)
    return { ok: false, refusal: newRefusal('NOT_FOUND', 'NOT_FOUND', 'Förordnandet finns inte.') };
  if (item.ended)
    return {
      ok: false,
      refusal: newRefusal('INVALID_TRANSITION', 'ENDED', 'Förordnandet har redan upphört.'),
    };
  if (!isValidLocalDate(end.on) || end.on < item.validFrom)
    return {
      ok: false,
      refusal: newRefusal(
        'VALIDATION_FAILED',
        'INVALID_DATE',
        'Slutdatum kan inte vara före den dag förordnandet började gälla.',
        'on',
      ),
    };
  const row = {
    ...item,
    id,
    validTo: item.validTo !== null && item.validTo < end.on ? item.validTo : end.on,
    ended: { on: end.on, reason: end.reason.trim(), by: end.by },
  };
  return { ok: true, items: items.map((i, n) => (n === index ? row : i)), row };
}
