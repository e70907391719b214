import {
  arshjulLinesOf,
  eventAnalysisSummaryOf,
  egenkontrollOutcomesOf,
  internkontrollOutcomesOf,
  riskAnalysesOf,
  routineChangesOf,
  type CaseOutcome,
  type CaseType,
  type ArshjulState,
  type EventAnalysisState,
  type EgenkontrollPlanState,
  type EjVerkstalltBeslutState,
  type ExternalFindingLine,
  type InternkontrollState,
  type RegisterContent,
  type RiskAssessmentView,
  type RoutineState,
  type StatisticsDeadlineFact,
} from '@kvalitet/domain';
import { rowsOf } from '@kvalitet/persistence';
import type { Queryable } from './statistics-store';

const REGISTER_TYPES = [
  'egenkontroll',
  'routine',
  'internkontroll',
  'ej_verkstallt_beslut',
  'arshjul',
  'event_analysis',
];

/** Routines, processes and the internkontroll plan belong to the förvaltning, not to a unit: every board's report shows them. */
const ORGANISATION_WIDE = 'forvaltning';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/**
 * What the registers hold for a report's period (ADR 0037), read from their read models: the
 * ledningssystem's folded states (egenkontroll plans, routines with every adopted version and
 * repeal, internkontroll, ej verkställda beslut), the risk assessments' views, the improvement
 * actions, and from the statistics of the cases only classification, unit, dates and numbers
 * (external findings, lex Sarah/Maria outcomes, IVO's decisions). One read per source; the
 * statistics reads go through the board scope like every other (`scopeToUnits`).
 */
export async function registerSources(
  db: Queryable,
  unitIds: readonly string[],
  from: Date,
  to: Date,
  asOf: Date,
): Promise<RegisterContent> {
  const range = [from.toISOString(), to.toISOString()];
  const units = new Set(unitIds);
  const ours = (unitId: string) => units.has(unitId) || unitId === ORGANISATION_WIDE;
  const [registerRows, riskRows, improvementRows, externalRows, lexRows, ivoRows] = await Promise.all([
    db.query(`SELECT aggregate_type, unit_id, state FROM rm_ledningssystem WHERE aggregate_type = ANY($1)`, [
      REGISTER_TYPES,
    ]),
    db.query(`SELECT view FROM rm_risk_assessments WHERE created_at >= $1 AND created_at < $2`, range),
    db.query(
      `SELECT reference, title, unit_id, stage, due_at FROM rm_improvements
        WHERE kind = 'action' AND created_at >= $1 AND created_at < $2 ORDER BY created_at, reference`,
      range,
    ),
    db.query(
      `SELECT case_number, unit_id, category, reported_at, closed_at, deadlines FROM rm_statistics_cases
        WHERE type = 'external_finding' AND reported_at >= $1 AND reported_at < $2 ORDER BY reported_at, case_number`,
      range,
    ),
    db.query(
      `SELECT type, outcome, count(*)::int AS n FROM rm_statistics_cases
        WHERE type IN ('lex_sarah', 'lex_maria') AND outcome IS NOT NULL AND decided_at >= $1 AND decided_at < $2
        GROUP BY type, outcome ORDER BY type, outcome`,
      range,
    ),
    db.query(
      // From the cases IVO was notified of (few) to their events by the aggregate index, not a scan of
      // every event by type: IVO only decides on a notification.
      `SELECT c.type, count(*)::int AS n FROM rm_statistics_cases c
         JOIN events e ON e.aggregate_id = c.case_id AND e.type = 'IvoDecisionRecorded'
        WHERE c.ivo_reported_at IS NOT NULL AND (e.data->>'decidedAt')::timestamptz >= $1
          AND (e.data->>'decidedAt')::timestamptz < $2
        GROUP BY c.type ORDER BY c.type`,
      range,
    ),
  ]);
  const registers = rowsOf<{ aggregate_type: string; unit_id: string; state: unknown }>(registerRows).filter(
    (r) => ours(r.unit_id),
  );
  const states = <S>(type: string) =>
    registers.filter((r) => r.aggregate_type === type).map((r) => r.state as S);
  const years = new Set<number>();
  for (let y = Number(range[0]!.slice(0, 4)); y <= Number(range[1]!.slice(0, 4)); y++) years.add(y);
  const endYear = new Date(to.getTime() - 1).getUTCFullYear();

  const externalFindings: ExternalFindingLine[] = rowsOf<{
    case_number: string;
    unit_id: string;
    category: string | null;
    reported_at: Date;
    closed_at: Date | null;
    deadlines: StatisticsDeadlineFact[];
  }>(externalRows).map((r) => {
    const answer = r.deadlines.find((d) => d.kind === 'external_response');
    return {
      caseNumber: r.case_number,
      unitId: r.unit_id,
      category: r.category,
      reportedAt: iso(r.reported_at)!,
      answerDueAt: answer?.dueAt ?? null,
      answeredAt: answer?.metAt ?? null,
      closedAt: iso(r.closed_at),
    };
  });

  return {
    egenkontroll: egenkontrollOutcomesOf(
      states<EgenkontrollPlanState>('egenkontroll').filter((p) => years.has(p.year)),
      from,
      to,
    ),
    riskAnalyses: riskAnalysesOf(
      rowsOf<{ view: RiskAssessmentView }>(riskRows)
        .map((r) => r.view)
        .filter((v) => units.has(v.unitId)),
      from,
      to,
      asOf,
    ),
    routineChanges: routineChangesOf(states<RoutineState>('routine'), from, to),
    externalFindings,
    lexDecisions: rowsOf<{ type: 'lex_sarah' | 'lex_maria'; outcome: CaseOutcome; n: number }>(lexRows).map(
      (r) => ({ type: r.type, outcome: r.outcome, count: r.n }),
    ),
    ivoDecisions: rowsOf<{ type: CaseType; n: number }>(ivoRows).map((r) => ({ type: r.type, count: r.n })),
    // Decided before the period ends and not carried out before it began: the ones the period answers for.
    ejVerkstallda: states<EjVerkstalltBeslutState>('ej_verkstallt_beslut')
      .filter(
        (b) =>
          b.decisionDate < range[1]!.slice(0, 10) &&
          (b.verkstalltOn === null || b.verkstalltOn > range[0]!.slice(0, 10)),
      )
      .map((b) => ({
        unitId: b.unitId,
        lagrum: b.lagrum,
        insats: b.insats,
        decisionDate: b.decisionDate,
        reportedToIvoOn: b.reportedToIvoOn,
        verkstalltOn: b.verkstalltOn,
        reason: b.reason,
      }))
      .sort((a, b) => a.decisionDate.localeCompare(b.decisionDate)),
    internkontroll: internkontrollOutcomesOf(states<InternkontrollState>('internkontroll'), endYear),
    improvementActions: rowsOf<{
      reference: string;
      title: string;
      unit_id: string;
      stage: string;
      due_at: Date | null;
    }>(improvementRows)
      .filter((r) => units.has(r.unit_id))
      .map((r) => ({
        reference: r.reference,
        title: r.title,
        unitId: r.unit_id,
        stage: r.stage,
        dueAt: iso(r.due_at),
      })),
    arshjul: arshjulLinesOf(states<ArshjulState>('arshjul'), endYear, asOf.toISOString().slice(0, 10)),
    eventAnalyses: eventAnalysisSummaryOf(states<EventAnalysisState>('event_analysis'), from, to),
  };
}
