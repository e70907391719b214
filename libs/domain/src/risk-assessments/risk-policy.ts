import { documentTopLevelErrors, isPlainObject } from '../common/json-document';
import { CASE_TYPES } from '../cases/case-type';
import type { CaseType } from '../cases/case-type';
import { DEFAULT_RISK_BANDS, validateRiskBands } from '../risk/risk-bands';
import type { RiskBands, RiskFieldError } from '../risk/risk-bands';

/**
 * The deviation pattern rule (RA-5, RA-8, IMP-6): the system proposes a risk assessment when similar
 * deviations (same type and category) recur within a window, in one unit or across several units.
 */
export interface DeviationPatternPolicy {
  /** Length of the sliding window, in days. */
  readonly windowDays: number;
  /** Similar deviations in one unit within the window that make a pattern. */
  readonly sameUnitThreshold: number;
  /** Similar deviations across units within the window that make a cross-unit pattern … */
  readonly crossUnitThreshold: number;
  /** … provided they come from at least this many units. */
  readonly crossUnitMinUnits: number;
  /** The case types that count as deviations. */
  readonly caseTypes: readonly CaseType[];
  /** No new proposal for the same pattern within this many days of the last one. */
  readonly cooldownDays: number;
}

/** Risk levels (RA-3) and the pattern rule, versioned like the deadline policy (DL-0). */
export interface RiskPolicy {
  readonly version: number;
  readonly bands: RiskBands;
  readonly pattern: DeviationPatternPolicy;
}

export type RiskPolicyDocument = Omit<RiskPolicy, 'version'> & { readonly version?: number };

export const DEFAULT_DEVIATION_PATTERN_POLICY: DeviationPatternPolicy = Object.freeze({
  windowDays: 90,
  sameUnitThreshold: 3,
  crossUnitThreshold: 5,
  crossUnitMinUnits: 3,
  caseTypes: Object.freeze(['deviation', 'hsl_deviation', 'lex_sarah'] as CaseType[]),
  cooldownDays: 90,
});

/** api.md defaults: `low` 1–3, `medium` 4–6, `high` 8–9, `very_high` 12–16. */
export const DEFAULT_RISK_POLICY: RiskPolicy = Object.freeze({
  version: 1,
  bands: DEFAULT_RISK_BANDS,
  pattern: DEFAULT_DEVIATION_PATTERN_POLICY,
});

export type RiskPolicyValidationResult =
  | { readonly ok: true; readonly policy: RiskPolicyDocument }
  | { readonly ok: false; readonly errors: RiskFieldError[] };

const PATTERN_INTEGERS: readonly [keyof DeviationPatternPolicy, string, number, number][] = [
  ['windowDays', 'Fönstret (dagar)', 1, 3660],
  ['sameUnitThreshold', 'Tröskeln inom en enhet', 2, 10000],
  ['crossUnitThreshold', 'Tröskeln över flera enheter', 2, 10000],
  ['crossUnitMinUnits', 'Minsta antal enheter', 2, 1000],
  ['cooldownDays', 'Spärrtiden (dagar)', 0, 3660],
];

function validatePattern(input: unknown, errors: RiskFieldError[]): DeviationPatternPolicy | undefined {
  if (!isPlainObject(input)) {
    errors.push({ field: 'pattern', code: 'INVALID_TYPE', message: 'Mönsterregeln måste vara ett objekt' });
    return undefined;
  }
  const before = errors.length;
  const allowed = [...PATTERN_INTEGERS.map(([key]) => key as string), 'caseTypes'];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key))
      errors.push({ field: `pattern.${key}`, code: 'UNKNOWN_FIELD', message: `Okänt fält: ${key}` });
  }
  for (const [key, label, min, max] of PATTERN_INTEGERS) {
    const value = input[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      errors.push({
        field: `pattern.${key}`,
        code: value === undefined ? 'REQUIRED' : 'INVALID_NUMBER',
        message: `${label} måste vara ett heltal ${min}–${max}`,
      });
    }
  }
  const types = input['caseTypes'];
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    types.some((t) => !(CASE_TYPES as readonly unknown[]).includes(t)) ||
    new Set(types).size !== types.length
  ) {
    errors.push({
      field: 'pattern.caseTypes',
      code: types === undefined ? 'REQUIRED' : 'INVALID_CASE_TYPES',
      message: `Ärendetyperna måste vara en lista utan dubbletter av: ${CASE_TYPES.join(', ')}`,
    });
  }
  if (errors.length > before) return undefined;
  const pattern = input as unknown as DeviationPatternPolicy;
  if (pattern.crossUnitThreshold < pattern.crossUnitMinUnits) {
    errors.push({
      field: 'pattern.crossUnitThreshold',
      code: 'BELOW_MIN_UNITS',
      message: 'Tröskeln över flera enheter kan inte vara lägre än minsta antal enheter',
    });
    return undefined;
  }
  return Object.freeze({ ...pattern, caseTypes: Object.freeze([...pattern.caseTypes]) });
}

/** Validates a whole risk policy document (as `PUT /risk-policy` takes it). Never throws. */
export function validateRiskPolicy(input: unknown): RiskPolicyValidationResult {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: [{ field: '', code: 'INVALID_TYPE', message: 'Riskpolicyn måste vara ett objekt' }],
    };
  }
  const errors: RiskFieldError[] = documentTopLevelErrors(
    input,
    ['version', 'bands', 'pattern'],
    'Versionen måste vara ett positivt heltal',
  );
  let bands: RiskBands | undefined;
  if (input['bands'] === undefined) {
    errors.push({ field: 'bands', code: 'REQUIRED', message: 'Riskgränserna (bands) måste anges' });
  } else {
    const result = validateRiskBands(input['bands']);
    if (result.ok) bands = result.bands;
    else errors.push(...result.errors);
  }
  const pattern =
    input['pattern'] === undefined
      ? (errors.push({ field: 'pattern', code: 'REQUIRED', message: 'Mönsterregeln (pattern) måste anges' }),
        undefined)
      : validatePattern(input['pattern'], errors);
  if (errors.length > 0 || !bands || !pattern) return { ok: false, errors };
  return {
    ok: true,
    policy: {
      ...(typeof input['version'] === 'number' ? { version: input['version'] } : {}),
      bands,
      pattern,
    },
  };
}
