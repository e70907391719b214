import type { CaseChannel } from '../cases/case-channel';
import type { CaseDeadlineKind, CaseDeadlineStatus } from '../cases/case-deadline-kind';
import type { CaseActionLevel, CaseEvent } from '../cases/case-events';
import { isCaseEventType } from '../cases/case-events';
import type { CaseOutcome } from '../cases/case-outcome';
import { isSeriousOutcome } from '../cases/case-outcome';
import type { CaseStage } from '../cases/case-stage';
import type { CaseType } from '../cases/case-type';
import { evolveCase } from '../cases/evolve-case';
import type { CaseState } from '../cases/case-state';

export interface StatisticsDeadlineFact {
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly status: CaseDeadlineStatus;
  readonly metAt?: string;
  readonly missedAt?: string;
}

export interface StatisticsActionFact {
  readonly level: CaseActionLevel;
  readonly addedAt: string;
  readonly dueAt: string;
  readonly completedAt?: string;
  readonly followedUpAt?: string;
  readonly effective?: boolean;
}

/**
 * One case as the statistics see it (REP-8, REP-15): classification, unit and timestamps only. No
 * name, personal identity number, free text or username ever enters it, so nothing personal can
 * leave a case through an aggregate. The case number stays: it is what de-identified lines show.
 */
export interface StatisticsCaseFact {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  /** The type at intake: a lex Sarah raised from a deviation still counts as a deviation report (LC-2). */
  readonly reportedType: CaseType;
  readonly unitId: string;
  readonly category: string | null;
  readonly lagrum: string | null;
  readonly channel: CaseChannel;
  readonly stage: CaseStage;
  readonly reportedAt: string;
  readonly closedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly investigationRecordedAt: string | null;
  readonly deviationOccurred: boolean | null;
  readonly decidedAt: string | null;
  readonly outcome: CaseOutcome | null;
  readonly serious: boolean;
  readonly ivoReportedAt: string | null;
  /** When each escalation step happened (one per DeadlineMissed event, DL-15). */
  readonly escalations: readonly string[];
  readonly deadlines: readonly StatisticsDeadlineFact[];
  readonly actions: readonly StatisticsActionFact[];
  readonly version: number;
}

/** The minimum of a stored event the fold needs. */
export interface StatisticsEventInput {
  readonly type: string;
  readonly data: unknown;
}

/** A case being folded event by event (projection rebuilds fold a million events without keeping them). */
export interface StatisticsFold {
  state: CaseState;
  escalations: string[];
}

export function startStatisticsFold(): StatisticsFold {
  return { state: null, escalations: [] };
}

/** Applies one stored event (in version order); events of other aggregates' types are ignored. */
export function foldStatisticsEvent(fold: StatisticsFold, event: StatisticsEventInput): void {
  if (!isCaseEventType(event.type)) return;
  const caseEvent = event as unknown as CaseEvent;
  fold.state = evolveCase(fold.state, caseEvent);
  if (caseEvent.type === 'DeadlineMissed' && fold.state !== null) fold.escalations.push(caseEvent.data.at);
}

/** Folds a case's history (in version order) into its statistics fact; null before `CaseReported`. */
export function statisticsFactOf(events: readonly StatisticsEventInput[]): StatisticsCaseFact | null {
  const fold = startStatisticsFold();
  for (const event of events) foldStatisticsEvent(fold, event);
  return factOfFold(fold);
}

export function factOfFold(fold: StatisticsFold): StatisticsCaseFact | null {
  const state = fold.state;
  if (state === null) return null;
  const escalations = [...fold.escalations];
  return {
    caseId: state.id,
    caseNumber: state.caseNumber,
    type: state.type,
    reportedType: state.reportedType,
    unitId: state.unitId,
    category: state.category ?? null,
    lagrum: state.lagrum ?? null,
    channel: state.channel,
    stage: state.stage,
    reportedAt: state.reportedAt,
    closedAt: state.closedAt,
    acknowledgedAt: state.acknowledged?.at ?? null,
    investigationRecordedAt: state.investigation?.at ?? null,
    deviationOccurred: state.investigation?.deviationOccurred ?? null,
    decidedAt: state.decision?.at ?? null,
    outcome: state.decision?.outcome ?? null,
    serious: state.decision ? isSeriousOutcome(state.decision.outcome) : false,
    ivoReportedAt: state.ivoReport?.reportedAt ?? null,
    escalations,
    deadlines: Object.values(state.deadlines).map((d) => ({
      kind: d.kind,
      dueAt: d.dueAt,
      status: d.status,
      ...(d.metAt === undefined ? {} : { metAt: d.metAt }),
      ...(d.missedAt === undefined ? {} : { missedAt: d.missedAt }),
    })),
    actions: Object.values(state.actions).map((a) => ({
      level: a.level,
      addedAt: a.addedAt,
      dueAt: a.dueAt,
      ...(a.completedAt === undefined ? {} : { completedAt: a.completedAt }),
      ...(a.followedUpAt === undefined ? {} : { followedUpAt: a.followedUpAt }),
      ...(a.effective === undefined ? {} : { effective: a.effective }),
    })),
    version: state.version,
  };
}
