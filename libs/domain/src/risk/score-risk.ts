import { DEFAULT_RISK_BANDS, riskLevelForScore } from './risk-bands';
import type { RiskBands, RiskFieldError, RiskScore } from './risk-bands';
import type { RiskLevel } from './risk-level';
import { isRiskFactor } from './risk-scale';
import type { Probability, Severity } from './risk-scale';

export type RiskScoreResult =
  | {
      readonly ok: true;
      readonly probability: Probability;
      readonly severity: Severity;
      /** probability × severity (RA-2) */
      readonly score: RiskScore;
      readonly level: RiskLevel;
    }
  | { readonly ok: false; readonly errors: RiskFieldError[] };

function factorError(field: 'probability' | 'severity', value: unknown): RiskFieldError | null {
  if (isRiskFactor(value)) return null;
  const name = field === 'probability' ? 'Sannolikhet' : 'Allvarlighetsgrad';
  const isInteger = typeof value === 'number' && Number.isInteger(value);
  return {
    field,
    code: isInteger ? 'OUT_OF_RANGE' : 'NOT_INTEGER',
    message: `${name} måste vara ett heltal 1–4`,
  };
}

/**
 * Scores a risk on the 4×4 matrix: score = probability × severity, level from the bands.
 * Never throws: invalid factors (non-integers, strings, outside 1–4) or bands that leave the
 * score without a level give `{ ok: false, errors }`.
 */
export function scoreRisk(
  probability: unknown,
  severity: unknown,
  bands: RiskBands = DEFAULT_RISK_BANDS,
): RiskScoreResult {
  const errors = [factorError('probability', probability), factorError('severity', severity)].filter(
    (e): e is RiskFieldError => e !== null,
  );
  if (errors.length > 0 || !isRiskFactor(probability) || !isRiskFactor(severity))
    return { ok: false, errors };
  const score = (probability * severity) as RiskScore;
  const level = riskLevelForScore(score, bands);
  if (level === null) {
    return {
      ok: false,
      errors: [
        { field: 'bands', code: 'UNCOVERED_SCORE', message: `Riskvärdet ${score} hör inte till någon nivå` },
      ],
    };
  }
  return { ok: true, probability, severity, score, level };
}
