import { DELEGATION_DECISION_LABELS, DELEGATION_DECISIONS, DELEGATION_ROLES } from '@kvalitet/domain';
import type { FieldError } from '../api/client';
import { roleLabel } from './labels';
import { rowKeys } from './row-keys';

/** The delegation register as the api keeps it (GET/PUT /api/v1/delegations; AUD-6, ADR 0023). */
export interface DelegationRow {
  decision: string;
  role?: string;
  username?: string;
  validFrom: string;
  validTo?: string | null;
  boardDecision?: string;
}

export interface DelegationRegisterDocument {
  version: number;
  items: DelegationRow[];
  changedAt?: string;
  changedBy?: string;
}

export type HolderKind = 'role' | 'username';

/** One editable row; `key` keeps React's identity while a row is being typed. */
export interface DelegationDraft {
  key: string;
  decision: string;
  holderKind: HolderKind;
  role: string;
  username: string;
  validFrom: string;
  validTo: string;
  boardDecision: string;
}

export const DECISION_OPTIONS = DELEGATION_DECISIONS.map((value) => ({
  value,
  label: DELEGATION_DECISION_LABELS[value],
}));

export const ROLE_OPTIONS = DELEGATION_ROLES.map((value) => ({ value, label: roleLabel(value) }));

export function decisionLabel(decision: string): string {
  return (DELEGATION_DECISION_LABELS as Record<string, string>)[decision] ?? decision;
}

/** "Lex Sarah – beslut, SN 2025-12-10 § 141": how a case shows the delegation a decision was made under. */
export function delegationText(delegation: { decision: string; boardDecision: string | null }): string {
  return [decisionLabel(delegation.decision), delegation.boardDecision].filter(Boolean).join(', ');
}

const newKey = rowKeys('d');

export function toDrafts(items: readonly DelegationRow[]): DelegationDraft[] {
  return items.map((i) => ({
    key: newKey(),
    decision: i.decision,
    holderKind: i.username ? 'username' : 'role',
    role: i.role ?? '',
    username: i.username ?? '',
    validFrom: i.validFrom,
    validTo: i.validTo ?? '',
    boardDecision: i.boardDecision ?? '',
  }));
}

export function emptyDraft(): DelegationDraft {
  return {
    key: newKey(),
    decision: '',
    holderKind: 'role',
    role: '',
    username: '',
    validFrom: '',
    validTo: '',
    boardDecision: '',
  };
}

/** The body of the PUT: rows in the order shown (the api's field errors name these indexes). */
export function fromDrafts(
  drafts: readonly DelegationDraft[],
  version: number,
): { version: number; items: DelegationRow[] } {
  return {
    version,
    items: drafts.map((d) => ({
      decision: d.decision,
      ...(d.holderKind === 'role' ? { role: d.role } : { username: d.username.trim() }),
      validFrom: d.validFrom,
      validTo: d.validTo === '' ? null : d.validTo,
      ...(d.boardDecision.trim() ? { boardDecision: d.boardDecision.trim() } : {}),
    })),
  };
}

export type DelegationField = 'decision' | 'role' | 'username' | 'validFrom' | 'validTo' | 'boardDecision';

/** The api's message for one field of one row (`items[2].validTo`). */
export function rowError(
  errors: readonly FieldError[],
  index: number,
  field: DelegationField,
): string | undefined {
  return errors.find((e) => e.field === `items[${index}].${field}`)?.message;
}

/** Errors about the list or a row as a whole (`items`, `items[3]`). */
export function listError(errors: readonly FieldError[]): string | undefined {
  return errors.find((e) => e.field === 'items' || /^items\[\d+\]$/.test(e.field))?.message;
}
