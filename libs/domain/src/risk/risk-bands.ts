import { isPlainObject } from '../common/json-document';
import { RISK_LEVEL_INFO, RISK_LEVELS } from './risk-level';
import type { RiskLevel } from './risk-level';

/** The scores the 4×4 matrix can produce (RA-2). */
export const POSSIBLE_RISK_SCORES = Object.freeze([1, 2, 3, 4, 6, 8, 9, 12, 16] as const);

export type RiskScore = (typeof POSSIBLE_RISK_SCORES)[number];

/** An inclusive score interval. */
export interface RiskBand {
  readonly min: number;
  readonly max: number;
}

/** Score interval per level; configurable per organisation (RA-3, GAP-10). */
export type RiskBands = Readonly<Record<RiskLevel, RiskBand>>;

/** RA-3 default: 1–3 low, 4–6 medium, 8–9 high, 12–16 very high. */
export const DEFAULT_RISK_BANDS: RiskBands = Object.freeze({
  low: Object.freeze({ min: 1, max: 3 }),
  medium: Object.freeze({ min: 4, max: 6 }),
  high: Object.freeze({ min: 8, max: 9 }),
  very_high: Object.freeze({ min: 12, max: 16 }),
});

export interface RiskFieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export type RiskBandsValidationResult =
  | { readonly ok: true; readonly bands: RiskBands }
  | { readonly ok: false; readonly errors: RiskFieldError[] };

const isScoreBound = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 16;

/**
 * Validates a band configuration: all four levels, integer bounds 1–16 with min ≤ max, in rising
 * order without overlap, each containing at least one possible score, together covering every
 * possible score (1, 2, 3, 4, 6, 8, 9, 12, 16).
 */
export function validateRiskBands(input: unknown): RiskBandsValidationResult {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: [{ field: 'bands', code: 'INVALID_TYPE', message: 'Riskgränserna måste vara ett objekt' }],
    };
  }
  const errors: RiskFieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!(RISK_LEVELS as readonly string[]).includes(key)) {
      errors.push({ field: `bands.${key}`, code: 'UNKNOWN_FIELD', message: `Okänd risknivå: ${key}` });
    }
  }
  const bands: Partial<Record<RiskLevel, RiskBand>> = {};
  for (const level of RISK_LEVELS) {
    const field = `bands.${level}`;
    const label = RISK_LEVEL_INFO[level].label;
    const band = input[level];
    if (band === undefined) {
      errors.push({ field, code: 'REQUIRED', message: `Gränser saknas för nivån ${label}` });
      continue;
    }
    if (!isPlainObject(band) || !isScoreBound(band['min']) || !isScoreBound(band['max'])) {
      errors.push({
        field,
        code: 'INVALID_BAND',
        message: `Nivån ${label} måste ha min och max som heltal 1–16`,
      });
      continue;
    }
    if (Object.keys(band).some((k) => k !== 'min' && k !== 'max')) {
      errors.push({ field, code: 'UNKNOWN_FIELD', message: `Nivån ${label} får bara ha min och max` });
      continue;
    }
    const { min, max } = band as { min: number; max: number };
    if (min > max) {
      errors.push({
        field,
        code: 'INVALID_BAND',
        message: `Nivån ${label}: min får inte vara större än max`,
      });
      continue;
    }
    if (!POSSIBLE_RISK_SCORES.some((s) => s >= min && s <= max)) {
      errors.push({ field, code: 'EMPTY_BAND', message: `Nivån ${label} omfattar inget möjligt riskvärde` });
      continue;
    }
    bands[level] = { min, max };
  }
  if (errors.length > 0) return { ok: false, errors };

  const complete = bands as Record<RiskLevel, RiskBand>;
  for (let i = 1; i < RISK_LEVELS.length; i++) {
    const lower = RISK_LEVELS[i - 1] as RiskLevel;
    const upper = RISK_LEVELS[i] as RiskLevel;
    if (complete[upper].min <= complete[lower].max) {
      errors.push({
        field: `bands.${upper}`,
        code: 'OVERLAP',
        message: `Nivån ${RISK_LEVEL_INFO[upper].label} måste börja över nivån ${RISK_LEVEL_INFO[lower].label}`,
      });
    }
  }
  if (errors.length === 0) {
    const uncovered = POSSIBLE_RISK_SCORES.filter(
      (s) => !RISK_LEVELS.some((level) => s >= complete[level].min && s <= complete[level].max),
    );
    if (uncovered.length > 0) {
      errors.push({
        field: 'bands',
        code: 'UNCOVERED_SCORE',
        message: `Riskvärdena ${uncovered.join(', ')} hör inte till någon nivå`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    bands: Object.freeze({
      low: Object.freeze({ ...complete.low }),
      medium: Object.freeze({ ...complete.medium }),
      high: Object.freeze({ ...complete.high }),
      very_high: Object.freeze({ ...complete.very_high }),
    }),
  };
}

/** The level of a score under given bands, or null when no band contains it. */
export function riskLevelForScore(score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel | null {
  return RISK_LEVELS.find((level) => score >= bands[level].min && score <= bands[level].max) ?? null;
}
