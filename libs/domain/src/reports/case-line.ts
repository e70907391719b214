import type { CaseStage } from '../cases/case-stage';
import type { CaseType } from '../cases/case-type';

/**
 * What every de-identified case line of a report shows (api.md; REP-3, REP-4): case number, type,
 * unit, category, stage and report date — no names, no free text.
 */
export interface CaseLine {
  readonly caseNumber: string;
  readonly type: CaseType;
  readonly unitId: string;
  readonly category: string | null;
  readonly stage: CaseStage;
  readonly reportedAt: string;
}

/** Only the case line's columns of a fact, so nothing else can slip into a report. */
export function caseLineOf(f: CaseLine): CaseLine {
  return {
    caseNumber: f.caseNumber,
    type: f.type,
    unitId: f.unitId,
    category: f.category,
    stage: f.stage,
    reportedAt: f.reportedAt,
  };
}
