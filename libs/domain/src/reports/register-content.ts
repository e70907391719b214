import type { ArshjulKind } from '../arshjul/arshjul-catalogue';
import type { ArshjulItem, ArshjulState } from '../arshjul/arshjul';
import type { CaseOutcome } from '../cases/case-outcome';
import type { EventAnalysisState } from '../event-analysis/event-analysis-types';
import type { CaseType } from '../cases/case-type';
import { controlOccurrences } from '../egenkontroll/control-occurrences';
import type { EgenkontrollKind, EgenkontrollPlanState } from '../egenkontroll/egenkontroll-types';
import type { InternkontrollState } from '../internkontroll/internkontroll';
import type { RiskLevel } from '../risk/risk-level';
import type { RiskAssessmentView } from '../risk-assessments/risk-assessment-view';
import type { RoutineKind } from '../routines/routine-types';
import {
  routineChanges,
  type RoutineChangeKind,
  type RoutineChangeSource,
} from '../routines/routine-changes';

export type { RoutineChangeKind, RoutineChangeSource };

/**
 * What the registers of the ledningssystem hold for a report's period, gathered by the reporting
 * store and turned into sections by `register-sections.ts` (ADR 0037). Register text (a control's
 * result, a routine's change note) may be shown; nothing here is read from a case but its
 * classification, unit, dates and number (REP-15).
 */
export interface EgenkontrollOutcomeLine {
  readonly unitId: string;
  readonly kind: EgenkontrollKind;
  readonly title: string;
  /** `2026`, `2026-H1`, `2026-T2`, `2026-Q3`, `2026-M04`. */
  readonly occurrence: string;
  readonly dueAt: string;
  readonly outcome: {
    readonly result: string;
    readonly analysis: string;
    readonly actions: readonly string[];
    readonly deviationsReported: number;
    readonly noActions: boolean;
  } | null;
}

export interface RiskAnalysisLine {
  readonly unitId: string;
  readonly reference: string;
  readonly title: string;
  readonly createdAt: string;
  readonly maxLevel: RiskLevel | null;
  readonly risksByLevel: Readonly<Record<RiskLevel, number>>;
  readonly actions: readonly { readonly title: string; readonly status: 'open' | 'completed' | 'overdue' }[];
}

export interface RoutineChangeLine {
  readonly kind: RoutineKind;
  readonly code: string;
  readonly title: string;
  readonly change: RoutineChangeKind;
  readonly version: string | null;
  /** `YYYY-MM-DD`: the decision's date. */
  readonly date: string;
  readonly note: string;
}

export interface ExternalFindingLine {
  readonly caseNumber: string;
  readonly unitId: string;
  readonly category: string | null;
  readonly reportedAt: string;
  readonly answerDueAt: string | null;
  readonly answeredAt: string | null;
  readonly closedAt: string | null;
}

export interface LexDecisionCount {
  readonly type: Extract<CaseType, 'lex_sarah' | 'lex_maria'>;
  readonly outcome: CaseOutcome;
  readonly count: number;
}

export interface IvoDecisionCount {
  readonly type: CaseType;
  readonly count: number;
}

/** One decision not carried out in time (AUD-25); no person, only the insats, lagrum and dates. */
export interface EjVerkstalltBeslutLine {
  readonly unitId: string;
  readonly lagrum: string;
  readonly insats: string;
  /** `YYYY-MM-DD` */
  readonly decisionDate: string;
  readonly reportedToIvoOn: string | null;
  readonly verkstalltOn: string | null;
  readonly reason: string | null;
}

export interface InternkontrollOutcomeLine {
  readonly unitId: string;
  readonly year: number;
  readonly control: string;
  readonly outcome: 'ok' | 'deficiencies' | null;
  readonly actions: string;
  /** `YYYY-MM-DD` of the nämnd's decision on the report, null before it. */
  readonly reportDecidedOn: string | null;
}

export interface ImprovementActionLine {
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly stage: string;
  readonly dueAt: string | null;
}

/** One item of the board's årshjul and where it stands (DL-31, AUD-13). */
export interface ArshjulLine {
  readonly kind: ArshjulKind;
  readonly title: string;
  /** `YYYY-MM-DD` */
  readonly dueOn: string;
  readonly status: 'done' | 'planned' | 'overdue' | 'cancelled';
  readonly doneOn: string | null;
}

/** The händelseanalyser of the period: how many, and their causes by category (RA-11, IMP-5). */
export interface EventAnalysisSummary {
  readonly started: number;
  readonly completed: number;
  readonly causes: readonly {
    readonly category: string;
    readonly label: string;
    readonly root: number;
    readonly contributing: number;
  }[];
}

export interface RegisterContent {
  readonly egenkontroll: readonly EgenkontrollOutcomeLine[];
  readonly riskAnalyses: readonly RiskAnalysisLine[];
  readonly routineChanges: readonly RoutineChangeLine[];
  readonly externalFindings: readonly ExternalFindingLine[];
  readonly lexDecisions: readonly LexDecisionCount[];
  readonly ivoDecisions: readonly IvoDecisionCount[];
  readonly ejVerkstallda: readonly EjVerkstalltBeslutLine[];
  readonly internkontroll: readonly InternkontrollOutcomeLine[];
  readonly improvementActions: readonly ImprovementActionLine[];
  readonly arshjul: readonly ArshjulLine[];
  readonly eventAnalyses: EventAnalysisSummary;
}

export const NO_REGISTER_CONTENT: RegisterContent = {
  egenkontroll: [],
  riskAnalyses: [],
  routineChanges: [],
  externalFindings: [],
  lexDecisions: [],
  ivoDecisions: [],
  ejVerkstallda: [],
  internkontroll: [],
  improvementActions: [],
  arshjul: [],
  eventAnalyses: { started: 0, completed: 0, causes: [] },
};

const inRange = (iso: string, from: Date, to: Date) => {
  const t = Date.parse(iso);
  return t >= from.getTime() && t < to.getTime();
};

/**
 * Every control occurrence due in the period, with its recorded result or none (EK-3, EK-5, AUD-11,
 * AUD-14): a control without an outcome is a line too, so the report can say "saknas".
 */
export function egenkontrollOutcomesOf(
  plans: readonly EgenkontrollPlanState[],
  from: Date,
  to: Date,
): EgenkontrollOutcomeLine[] {
  const lines: EgenkontrollOutcomeLine[] = [];
  for (const plan of plans) {
    for (const control of plan.controls) {
      for (const occurrence of controlOccurrences(plan.year, control.frequency)) {
        // An occurrence belongs to the period its last day falls in.
        const lastInstant = new Date(Date.parse(occurrence.dueAt) - 1).toISOString();
        if (!inRange(lastInstant, from, to)) continue;
        const result = plan.results.find(
          (r) => r.controlId === control.controlId && r.occurrence === occurrence.key,
        );
        lines.push({
          unitId: plan.unitId,
          kind: control.kind,
          title: control.title,
          occurrence: occurrence.key,
          dueAt: occurrence.dueAt,
          outcome: result
            ? {
                result: result.result,
                analysis: result.analysis,
                actions: result.findings.flatMap((f) => (f.action ? [f.action.title] : [])),
                deviationsReported: result.findings.filter((f) => f.handling === 'deviation').length,
                noActions: result.noActions,
              }
            : null,
        });
      }
    }
  }
  return lines.sort(
    (a, b) =>
      a.unitId.localeCompare(b.unitId) ||
      a.dueAt.localeCompare(b.dueAt) ||
      a.title.localeCompare(b.title, 'sv'),
  );
}

/** The risk analyses started in the period, dismissed proposals left out (RA-10, AUD-8). */
export function riskAnalysesOf(
  views: readonly RiskAssessmentView[],
  from: Date,
  to: Date,
  asOf: Date,
): RiskAnalysisLine[] {
  return views
    .filter((v) => v.stage !== 'dismissed' && v.stage !== 'proposed' && inRange(v.createdAt, from, to))
    .map((v) => {
      const risksByLevel: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, very_high: 0 };
      for (const risk of v.risks) risksByLevel[risk.level] += 1;
      return {
        unitId: v.unitId,
        reference: v.reference,
        title: v.title,
        createdAt: v.createdAt,
        maxLevel: v.maxLevel,
        risksByLevel,
        actions: v.actions.map((a) => ({
          title: a.title,
          status:
            a.status === 'completed'
              ? ('completed' as const)
              : Date.parse(a.dueAt) < asOf.getTime()
                ? ('overdue' as const)
                : ('open' as const),
        })),
      };
    })
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.createdAt.localeCompare(b.createdAt));
}

/** Adoptions, revisions and repeals decided in the period, from the routines' kept versions (AUD-19, PR-4). */
export function routineChangesOf(
  routines: readonly RoutineChangeSource[],
  from: Date,
  to: Date,
): RoutineChangeLine[] {
  const fromDay = from.toISOString().slice(0, 10);
  const toDay = to.toISOString().slice(0, 10);
  // The period's bounds are Stockholm midnights (the day before in UTC): compare calendar days.
  return routineChanges(routines, (day) => day > fromDay && day <= toDay).map((c) => ({
    kind: c.routine.kind,
    code: c.routine.code,
    title: c.routine.title,
    change: c.change,
    version: c.version,
    date: c.date,
    note: c.note,
  }));
}

/** The internkontroll plans of the year with each control's outcome (REP-14, IK-4). */
export function internkontrollOutcomesOf(
  plans: readonly InternkontrollState[],
  year: number,
): InternkontrollOutcomeLine[] {
  return plans
    .filter((p) => p.year === year)
    .flatMap((p) =>
      p.controls.map((c) => ({
        unitId: p.unitId,
        year: p.year,
        control: c.title,
        outcome: c.result?.outcome ?? null,
        actions: c.result?.actions ?? '',
        reportDecidedOn: p.report?.decision.decidedOn ?? null,
      })),
    )
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.control.localeCompare(b.control, 'sv'));
}

/** The items of the year's årshjul plans, in date order; a planned one past its date is overdue at `today`. */
/** What of an årshjul plan the report reads. */
export interface ArshjulSource {
  readonly year: ArshjulState['year'];
  readonly items: readonly Pick<ArshjulItem, 'kind' | 'title' | 'dueOn' | 'status' | 'doneOn'>[];
}

export function arshjulLinesOf(plans: readonly ArshjulSource[], year: number, today: string): ArshjulLine[] {
  return plans
    .filter((p) => p.year === year)
    .flatMap((p) => p.items)
    .map((item) => ({
      kind: item.kind,
      title: item.title,
      dueOn: item.dueOn,
      status:
        item.status === 'planned' && item.dueOn < today
          ? ('overdue' as const)
          : (item.status as ArshjulLine['status']),
      doneOn: item.doneOn,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title, 'sv'));
}

/** Counts only: an analysis's title, team and timeline are case material and stay out (REP-15). */
export function eventAnalysisSummaryOf(
  analyses: readonly Pick<EventAnalysisState, 'startedAt' | 'status' | 'causes' | 'categories'>[],
  from: Date,
  to: Date,
): EventAnalysisSummary {
  const inPeriod = analyses.filter((a) => inRange(a.startedAt, from, to));
  const causes = new Map<string, { category: string; label: string; root: number; contributing: number }>();
  for (const analysis of inPeriod)
    for (const cause of analysis.causes) {
      const label = analysis.categories.find((c) => c.code === cause.category)?.label ?? 'Annan orsak';
      const entry = causes.get(cause.category) ?? {
        category: cause.category,
        label,
        root: 0,
        contributing: 0,
      };
      if (cause.kind === 'root') entry.root += 1;
      else entry.contributing += 1;
      causes.set(cause.category, entry);
    }
  return {
    started: inPeriod.length,
    completed: inPeriod.filter((a) => a.status === 'completed').length,
    causes: [...causes.values()].sort(
      (a, b) => b.root - a.root || b.contributing - a.contributing || a.label.localeCompare(b.label, 'sv'),
    ),
  };
}
