/**
 * The two axes of the 4×4 risk matrix (domain.md RA-1): sannolikhet (probability) and
 * allvarlighetsgrad (severity), each an integer 1–4.
 */
export type RiskFactor = 1 | 2 | 3 | 4;
export type Probability = RiskFactor;
export type Severity = RiskFactor;

/** Highest first, as the matrix prints them. */
export const RISK_FACTORS_DESCENDING: readonly RiskFactor[] = Object.freeze([4, 3, 2, 1] as const);

export const PROBABILITY_LABELS: Readonly<Record<Probability, string>> = Object.freeze({
  4: 'Mycket stor',
  3: 'Stor',
  2: 'Liten',
  1: 'Mycket liten',
});

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = Object.freeze({
  4: 'Katastrofal',
  3: 'Betydande',
  2: 'Måttlig',
  1: 'Mindre',
});

export function isRiskFactor(value: unknown): value is RiskFactor {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}
