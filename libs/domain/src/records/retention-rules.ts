import { CASE_TYPES, CASE_TYPE_LABELS, type CaseType } from '../cases/case-type';
import { isPlainObject, validateVersionedRows, type DocumentFieldError } from '../common/json-document';

/**
 * The retention rules (gallringsregler; DATA-2, DATA-7, api.md v1.1 "Records and gallring"): how many
 * years the personal data and free text of a closed case of each type are kept, counted from its
 * closing or its report. A case type without a rule is never erased (ADR 0027).
 */
export const RETENTION_FROM = ['closed', 'reported'] as const;
export type RetentionFrom = (typeof RETENTION_FROM)[number];

export const RETENTION_FROM_LABELS: Readonly<Record<RetentionFrom, string>> = {
  closed: 'från avslut',
  reported: 'från anmälan',
};

export interface RetentionRule {
  readonly caseType: CaseType;
  /** Whole years, 1–100. */
  readonly keepYears: number;
  readonly from: RetentionFrom;
}

export const RETENTION_MIN_YEARS = 1;
export const RETENTION_MAX_YEARS = 100;

/**
 * The demo organisation's rules, after the dokumenthanteringsplan practice of Swedish social services:
 * synpunkter and klagomål two years, avvikelser five, lex Sarah and lex Maria ten (IVO may ask long
 * after), personuppgiftsincidenter five, external findings ten (ADR 0027).
 */
export const DEFAULT_RETENTION_RULES: readonly RetentionRule[] = Object.freeze([
  { caseType: 'complaint', keepYears: 2, from: 'closed' },
  { caseType: 'suggestion', keepYears: 2, from: 'closed' },
  { caseType: 'praise', keepYears: 2, from: 'closed' },
  { caseType: 'deviation', keepYears: 5, from: 'closed' },
  { caseType: 'hsl_deviation', keepYears: 5, from: 'closed' },
  { caseType: 'lex_sarah', keepYears: 10, from: 'closed' },
  { caseType: 'lex_maria', keepYears: 10, from: 'closed' },
  { caseType: 'data_breach', keepYears: 5, from: 'closed' },
  { caseType: 'external_finding', keepYears: 10, from: 'closed' },
]);

export type RetentionFieldError = DocumentFieldError;

export type RetentionRulesResult =
  | { readonly ok: true; readonly rules: RetentionRule[]; readonly version?: number }
  | { readonly ok: false; readonly errors: RetentionFieldError[] };

const RULE_FIELDS = ['caseType', 'keepYears', 'from'];

function isCaseType(value: unknown): value is CaseType {
  return typeof value === 'string' && (CASE_TYPES as readonly string[]).includes(value);
}

function ruleOf(
  value: unknown,
  at: string,
  seen: Set<string>,
  errors: RetentionFieldError[],
): RetentionRule | null {
  const add = (field: string, code: string, message: string): void => {
    errors.push({ field: `${at}${field === '' ? '' : `.${field}`}`, code, message });
  };
  if (!isPlainObject(value)) {
    add('', 'INVALID_TYPE', 'Varje gallringsregel måste vara ett objekt.');
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(value))
    if (!RULE_FIELDS.includes(key))
      add(key, 'UNKNOWN_FIELD', `Fältet ${key} finns inte i en gallringsregel.`);
  const { caseType, keepYears, from } = value;
  if (!isCaseType(caseType))
    add('caseType', 'INVALID_CASE_TYPE', `Ärendetypen måste vara en av: ${CASE_TYPES.join(', ')}.`);
  else if (seen.has(caseType))
    add(
      'caseType',
      'DUPLICATE_CASE_TYPE',
      `Ärendetypen ${CASE_TYPE_LABELS[caseType]} har redan en regel; varje typ får ha högst en.`,
    );
  else seen.add(caseType);
  if (!(
    typeof keepYears === 'number' &&
    Number.isInteger(keepYears) &&
    keepYears >= RETENTION_MIN_YEARS &&
    keepYears <= RETENTION_MAX_YEARS
  ))
    add(
      'keepYears',
      'INVALID_YEARS',
      `Antal år måste vara ett heltal från ${RETENTION_MIN_YEARS} till ${RETENTION_MAX_YEARS}.`,
    );
  if (!(typeof from === 'string' && (RETENTION_FROM as readonly string[]).includes(from)))
    add('from', 'INVALID_FROM', 'Räkna från måste vara closed (avslut) eller reported (anmälan).');
  if (errors.length > before) return null;
  return { caseType: caseType as CaseType, keepYears: keepYears as number, from: from as RetentionFrom };
}

/** A rules document as a client sends it (`{ version?, rules }`), checked field by field with Swedish messages. */
export function validateRetentionDocument(input: unknown): RetentionRulesResult {
  const seen = new Set<string>();
  const result = validateVersionedRows(input, {
    rowsField: 'rules',
    maxRows: CASE_TYPES.length,
    notAnObject: 'Gallringsreglerna måste vara ett objekt.',
    unknownField: (key) => `Fältet ${key} finns inte i gallringsreglerna.`,
    notAList: 'rules måste vara en lista med gallringsregler.',
    tooMany: `Det får finnas högst en regel per ärendetyp (${CASE_TYPES.length}).`,
    row: (rule, at, errors) => ruleOf(rule, at, seen, errors),
  });
  if (!result.ok) return result;
  return {
    ok: true,
    rules: result.rows,
    ...(result.version === undefined ? {} : { version: result.version }),
  };
}
