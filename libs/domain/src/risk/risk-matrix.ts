import { DEFAULT_RISK_BANDS, riskLevelForScore } from './risk-bands';
import type { RiskBands, RiskScore } from './risk-bands';
import type { RiskLevel } from './risk-level';
import { PROBABILITY_LABELS, RISK_FACTORS_DESCENDING, SEVERITY_LABELS } from './risk-scale';
import type { Probability, Severity } from './risk-scale';

export interface RiskMatrixCell {
  readonly probability: Probability;
  readonly severity: Severity;
  readonly score: RiskScore;
  /** null only if custom bands leave the score uncovered (validateRiskBands prevents that). */
  readonly level: RiskLevel | null;
}

export interface RiskMatrixRow {
  readonly probability: Probability;
  readonly label: string;
  /** Severity 4 → 1, as the columns. */
  readonly cells: readonly RiskMatrixCell[];
}

export interface RiskMatrixColumn {
  readonly severity: Severity;
  readonly label: string;
}

/**
 * The 4×4 matrix for rendering, laid out as in the source (domain.md RA-1): rows probability
 * 4 → 1 (Mycket stor … Mycket liten), columns severity 4 → 1 (Katastrofal … Mindre).
 */
export interface RiskMatrix {
  readonly rowHeading: string;
  readonly columnHeading: string;
  readonly columns: readonly RiskMatrixColumn[];
  readonly rows: readonly RiskMatrixRow[];
}

export function buildRiskMatrix(bands: RiskBands = DEFAULT_RISK_BANDS): RiskMatrix {
  return Object.freeze({
    rowHeading: 'Sannolikhet',
    columnHeading: 'Allvarlighetsgrad',
    columns: Object.freeze(
      RISK_FACTORS_DESCENDING.map((severity) =>
        Object.freeze({ severity, label: SEVERITY_LABELS[severity] }),
      ),
    ),
    rows: Object.freeze(
      RISK_FACTORS_DESCENDING.map((probability) =>
        Object.freeze({
          probability,
          label: PROBABILITY_LABELS[probability],
          cells: Object.freeze(
            RISK_FACTORS_DESCENDING.map((severity) => {
              const score = (probability * severity) as RiskScore;
              return Object.freeze({ probability, severity, score, level: riskLevelForScore(score, bands) });
            }),
          ),
        }),
      ),
    ),
  });
}

/** The matrix with the default bands. */
export const RISK_MATRIX: RiskMatrix = buildRiskMatrix();
