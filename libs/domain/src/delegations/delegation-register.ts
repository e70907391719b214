import { isValidLocalDate, type LocalDate } from '../calendar/local-date';
import { DECISION_DELEGATE_ROLES } from '../policy/decision-delegation';
import { isPlainObject, validateVersionedRows, type DocumentFieldError } from '../common/json-document';
import { DECIDING_BODIES, type DecidingBody } from '../ledningssystem/ledningssystem-common';

/**
 * The delegation register (AUD-6, LC-6 S5, LC-8; api.md v1.1 "Delegation register"): which role or
 * person decides each statutory lex Sarah / lex Maria decision on the nämnd's behalf, from when to
 * when, under which nämnd decision. The one source of who may decide (ADR 0023).
 */
export const DELEGATION_DECISIONS = [
  'lex_sarah_decision',
  'lex_sarah_ivo_report',
  'lex_maria_classification',
  'lex_maria_decision',
  'lex_maria_ivo_report',
] as const;
export type DelegationDecision = (typeof DELEGATION_DECISIONS)[number];

export const DELEGATION_DECISION_LABELS: Readonly<Record<DelegationDecision, string>> = {
  lex_sarah_decision: 'Lex Sarah – beslut',
  lex_sarah_ivo_report: 'Lex Sarah – anmälan till IVO',
  lex_maria_classification: 'Lex Maria – bedömning (MAS)',
  lex_maria_decision: 'Lex Maria – beslut',
  lex_maria_ivo_report: 'Lex Maria – anmälan till IVO',
};

/** The roles a decision may be delegated to: the organisation's roles (R-15). */
export const DELEGATION_ROLES = DECISION_DELEGATE_ROLES;

export interface DelegationItem {
  readonly decision: DelegationDecision;
  /** Exactly one of `role` and `username`. */
  readonly role?: string;
  readonly username?: string;
  readonly validFrom: LocalDate;
  /** Inclusive; null = until further notice. */
  readonly validTo: LocalDate | null;
  readonly boardDecision?: string;
  /**
   * ADR 0034: each row is also a förordnande (`/appointments`, role `delegat`). These fields carry
   * what the appointments register shows; a client that leaves them out keeps them (matched row).
   */
  readonly id?: string;
  readonly decidedBy?: DecidingBody;
  readonly decidedOn?: LocalDate;
  readonly delegationReference?: string;
  readonly ended?: DelegationEnded;
}

/** A förordnande ended before its time; `on` is its last day, so `validTo` is `on`. */
export interface DelegationEnded {
  readonly on: LocalDate;
  readonly reason: string;
  readonly by: string;
}

export interface DelegationRegister {
  readonly version: number;
  readonly items: readonly DelegationItem[];
}

export const DELEGATION_MAX_ITEMS = 200;
export const DELEGATION_TEXT_MAX_LENGTH = 200;

/** The demo organisation's register (api.md v1.1), in force until kvalitet saves one of its own. */
export const DEFAULT_DELEGATION_ITEMS: readonly DelegationItem[] = Object.freeze([
  {
    decision: 'lex_sarah_decision',
    role: 'director',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
    id: '00000000-0000-4000-8000-0000000de101',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.1',
  },
  // The SAS decided and reported lex Sarah before the register existed (v1); the demo keeps that.
  {
    decision: 'lex_sarah_decision',
    role: 'lex_sarah_investigator',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
    id: '00000000-0000-4000-8000-0000000de102',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.1',
  },
  {
    decision: 'lex_sarah_ivo_report',
    role: 'director',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
    id: '00000000-0000-4000-8000-0000000de103',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.1',
  },
  {
    decision: 'lex_sarah_ivo_report',
    role: 'lex_sarah_investigator',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
    id: '00000000-0000-4000-8000-0000000de104',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.1',
  },
  {
    decision: 'lex_maria_classification',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
    id: '00000000-0000-4000-8000-0000000de105',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.2',
  },
  {
    decision: 'lex_maria_decision',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
    id: '00000000-0000-4000-8000-0000000de106',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.2',
  },
  {
    decision: 'lex_maria_ivo_report',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
    id: '00000000-0000-4000-8000-0000000de107',
    decidedBy: 'namnd',
    decidedOn: '2025-12-10',
    delegationReference: 'Delegationsordning 2026 p. 4.2',
  },
]);

export function isDelegationDecision(value: unknown): value is DelegationDecision {
  return typeof value === 'string' && (DELEGATION_DECISIONS as readonly string[]).includes(value);
}

export type DelegationFieldError = DocumentFieldError;

export type DelegationItemsResult =
  | { readonly ok: true; readonly items: DelegationItem[]; readonly version?: number }
  | { readonly ok: false; readonly errors: DelegationFieldError[] };

const ITEM_FIELDS = [
  'decision',
  'role',
  'username',
  'validFrom',
  'validTo',
  'boardDecision',
  'id',
  'decidedBy',
  'decidedOn',
  'delegationReference',
  'ended',
];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function itemOf(value: unknown, at: string, errors: DelegationFieldError[]): DelegationItem | null {
  const add = (field: string, code: string, message: string): void => {
    errors.push({ field: `${at}${field === '' ? '' : `.${field}`}`, code, message });
  };
  if (!isPlainObject(value)) {
    add('', 'INVALID_TYPE', 'Varje rad i delegationsförteckningen måste vara ett objekt.');
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(value))
    if (!ITEM_FIELDS.includes(key)) add(key, 'UNKNOWN_FIELD', `Fältet ${key} finns inte i en delegation.`);
  const { decision, role, username, validFrom, validTo, boardDecision } = value;
  const details = appointmentDetailsOf(value, add);
  if (!isDelegationDecision(decision))
    add('decision', 'INVALID_DECISION', `Beslutet måste vara ett av: ${DELEGATION_DECISIONS.join(', ')}.`);
  const hasRole = role !== undefined && role !== null;
  const hasUsername = username !== undefined && username !== null;
  if (hasRole === hasUsername)
    add(
      hasRole ? 'username' : 'role',
      'ROLE_OR_USERNAME',
      'Ange antingen en roll eller en person (användarnamn), inte båda och inte ingen.',
    );
  if (hasRole && !(typeof role === 'string' && (DELEGATION_ROLES as readonly string[]).includes(role)))
    add(
      'role',
      'UNKNOWN_ROLE',
      `Rollen måste vara en av organisationens roller: ${DELEGATION_ROLES.join(', ')}.`,
    );
  if (hasUsername && (text(username) === undefined || String(username).length > DELEGATION_TEXT_MAX_LENGTH))
    add('username', 'INVALID_USERNAME', 'Användarnamnet måste vara en text på högst 200 tecken.');
  const fromOk = typeof validFrom === 'string' && isValidLocalDate(validFrom);
  if (!fromOk) add('validFrom', 'INVALID_DATE', 'Giltig från måste vara ett datum (ÅÅÅÅ-MM-DD).');
  if (validTo !== undefined && validTo !== null) {
    if (!(typeof validTo === 'string' && isValidLocalDate(validTo)))
      add('validTo', 'INVALID_DATE', 'Giltig till måste vara ett datum (ÅÅÅÅ-MM-DD) eller utelämnas.');
    else if (fromOk && validTo < (validFrom as string))
      add('validTo', 'VALID_TO_BEFORE_FROM', 'Giltig till kan inte vara före giltig från.');
  }
  if (
    boardDecision !== undefined &&
    boardDecision !== null &&
    (typeof boardDecision !== 'string' || boardDecision.length > DELEGATION_TEXT_MAX_LENGTH)
  )
    add('boardDecision', 'INVALID_TEXT', 'Nämndbeslutet måste vara en text på högst 200 tecken.');
  if (errors.length > before) return null;
  const board = text(boardDecision);
  return {
    decision: decision as DelegationDecision,
    ...(hasRole ? { role: role as string } : { username: text(username)! }),
    validFrom: validFrom as string,
    validTo: validTo === undefined || validTo === null ? null : (validTo as string),
    ...(board === undefined ? {} : { boardDecision: board }),
    ...details,
  };
}

type AppointmentDetails = Pick<
  DelegationItem,
  'id' | 'decidedBy' | 'decidedOn' | 'delegationReference' | 'ended'
>;

const shortText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= DELEGATION_TEXT_MAX_LENGTH;

/** The förordnande's fields of a row (ADR 0034), each optional. */
function appointmentDetailsOf(
  value: Record<string, unknown>,
  add: (field: string, code: string, message: string) => void,
): AppointmentDetails {
  const { id, decidedBy, decidedOn, delegationReference, ended } = value;
  const present = (v: unknown) => v !== undefined && v !== null;
  if (present(id) && !shortText(id)) add('id', 'INVALID_TEXT', 'Radens id måste vara en text.');
  if (present(decidedBy) && !(DECIDING_BODIES as readonly unknown[]).includes(decidedBy))
    add('decidedBy', 'UNKNOWN_DECIDING_BODY', 'Okänt beslutande organ.');
  if (present(decidedOn) && !(typeof decidedOn === 'string' && isValidLocalDate(decidedOn)))
    add('decidedOn', 'INVALID_DATE', 'Beslutsdatum måste vara ett datum (ÅÅÅÅ-MM-DD).');
  if (present(delegationReference) && !shortText(delegationReference))
    add(
      'delegationReference',
      'INVALID_TEXT',
      'Punkten i delegationsordningen måste vara en text på högst 200 tecken.',
    );
  const endedOk =
    isPlainObject(ended) &&
    typeof ended.on === 'string' &&
    isValidLocalDate(ended.on) &&
    shortText(ended.reason) &&
    shortText(ended.by);
  if (present(ended) && !endedOk)
    add('ended', 'INVALID_ENDED', 'Avslutet måste ha ett datum, ett skäl och vem som avslutade.');
  return {
    ...(shortText(id) ? { id: id.trim() } : {}),
    ...(present(decidedBy) ? { decidedBy: decidedBy as DecidingBody } : {}),
    ...(present(decidedOn) ? { decidedOn: decidedOn as string } : {}),
    ...(shortText(delegationReference) ? { delegationReference: delegationReference.trim() } : {}),
    ...(endedOk
      ? {
          ended: {
            on: ended.on as string,
            reason: (ended.reason as string).trim(),
            by: (ended.by as string).trim(),
          },
        }
      : {}),
  };
}

/**
 * A register document as a client sends it (`{ version?, items }`), checked field by field with
 * Swedish messages; the items come back normalised (texts trimmed, `validTo` null when open).
 */
export function validateDelegationDocument(input: unknown): DelegationItemsResult {
  const result = validateVersionedRows(input, {
    rowsField: 'items',
    maxRows: DELEGATION_MAX_ITEMS,
    notAnObject: 'Delegationsförteckningen måste vara ett objekt.',
    unknownField: (key) => `Fältet ${key} finns inte i förteckningen.`,
    notAList: 'items måste vara en lista med delegationer.',
    tooMany: `Förteckningen får ha högst ${DELEGATION_MAX_ITEMS} rader.`,
    row: itemOf,
  });
  if (!result.ok) return result;
  return {
    ok: true,
    items: result.rows,
    ...(result.version === undefined ? {} : { version: result.version }),
  };
}
