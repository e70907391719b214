import { isValidLocalDate, type LocalDate } from '../calendar/local-date';
import { DECISION_DELEGATE_ROLES } from '../policy/decision-delegation';
import { isPlainObject, validateVersionedRows, type DocumentFieldError } from '../common/json-document';

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
  },
  // The SAS decided and reported lex Sarah before the register existed (v1); the demo keeps that.
  {
    decision: 'lex_sarah_decision',
    role: 'lex_sarah_investigator',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
  },
  {
    decision: 'lex_sarah_ivo_report',
    role: 'director',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
  },
  {
    decision: 'lex_sarah_ivo_report',
    role: 'lex_sarah_investigator',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 141',
  },
  {
    decision: 'lex_maria_classification',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
  },
  {
    decision: 'lex_maria_decision',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
  },
  {
    decision: 'lex_maria_ivo_report',
    role: 'mas',
    validFrom: '2026-01-01',
    validTo: null,
    boardDecision: 'SN 2025-12-10 § 142',
  },
]);

export function isDelegationDecision(value: unknown): value is DelegationDecision {
  return typeof value === 'string' && (DELEGATION_DECISIONS as readonly string[]).includes(value);
}

export type DelegationFieldError = DocumentFieldError;

export type DelegationItemsResult =
  | { readonly ok: true; readonly items: DelegationItem[]; readonly version?: number }
  | { readonly ok: false; readonly errors: DelegationFieldError[] };

const ITEM_FIELDS = ['decision', 'role', 'username', 'validFrom', 'validTo', 'boardDecision'];

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
