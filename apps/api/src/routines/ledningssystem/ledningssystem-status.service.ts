import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  APPROVABLE_REPORTS,
  addDaysToLocalDate,
  arshjulCompletion,
  isArshjulItemOverdue,
  ledningssystemHealth,
  missingAppointments,
  planOccurrences,
  stockholmDateOf,
} from '@kvalitet/domain';
import type {
  AppointmentState,
  ArshjulState,
  EgenkontrollPlanState,
  InternkontrollState,
  LedningssystemDocumentState,
  LedningssystemHealth,
} from '@kvalitet/domain';
import { BOARD_WIDE_READERS, boardUnitsOf, canReadReportKind } from '../../access/access-policy';
import type { Principal } from '../../access/principal';
import { appointmentsWithDelegations } from '@kvalitet/persistence';
import { DATA_SOURCE } from '../../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../../org/organisation.instance';
import type {
  DocumentDecisionStatusDto,
  LedningssystemStatusDto,
  ReviewFactSheetDto,
  UnitCountDto,
} from './ledningssystem-status.dto';

const REGISTER_TYPES = ['routine', 'egenkontroll', 'appointment', 'training', 'internkontroll', 'arshjul'];
const ROUTINE_DUE_SOON_DAYS = 90;
const REVIEW_CASE_TYPES = ['complaint', 'deviation', 'hsl_deviation', 'lex_sarah', 'lex_maria'] as const;

interface RegisterRow {
  aggregate_type: string;
  unit_id: string;
  state: unknown;
}

/** The units a caller's start page counts: the board's for board-wide roles, else their own and below. */
export function statusUnitsOf(principal: Principal): string[] {
  const own = ORGANISATION.scopeOf(principal.unitIds);
  if (!principal.roles.some((role) => BOARD_WIDE_READERS.includes(role))) return own;
  const visible = new Set([...boardUnitsOf(principal, ORGANISATION), ...own]);
  return ORGANISATION.units.map((unit) => unit.id).filter((id) => visible.has(id));
}

export function toDecisionStatusDto(health: LedningssystemHealth): DocumentDecisionStatusDto {
  const { decision } = health;
  return {
    decision: decision.kind,
    decidedOn: 'decidedOn' in decision ? decision.decidedOn : null,
    validUntil: 'validUntil' in decision ? decision.validUntil : null,
    reviewOverdue: health.reviewOverdue,
    pendingReviewYear: health.pendingReviewYear,
  };
}

/** Units where the work is done (no units below them): each needs its own risk analysis (RA-10). */
function workUnitsOf(unitIds: readonly string[]): string[] {
  return unitIds.filter((id) => ORGANISATION.subtreeOf(id).length === 1);
}

/**
 * What is missing or overdue across the ledningssystem's registers (kvalitet's start page, AUD-22),
 * and the March review's fact sheet (REP-13) — both counted from the registers' read models.
 */
@Injectable()
export class LedningssystemStatusService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async status(principal: Principal, now: Date): Promise<LedningssystemStatusDto> {
    const today = stockholmDateOf(now);
    const unitIds = statusUnitsOf(principal);
    const rows = await this.registerRows(unitIds);
    const of = <S>(type: string) => rows.filter((r) => r.aggregate_type === type).map((r) => r.state as S);
    const document = (await this.documentState()) ?? null;
    const routines = of<{ status: string; nextRevisionDue: string | null }>('routine').filter(
      (r) => r.status === 'adopted' && r.nextRevisionDue !== null,
    );
    const soon = addDaysToLocalDate(today, ROUTINE_DUE_SOON_DAYS);
    const [internkontrollSteps, improvementsOverdue, riskGaps, reportsAwaitingApproval] = await Promise.all([
      this.count(
        `SELECT count(*) AS n FROM rm_tasks WHERE case_type = 'internkontroll' AND status = 'open'
          AND due_at <= $1 AND unit_id = ANY($2::text[])`,
        [now.toISOString(), unitIds],
      ),
      this.improvementsOverdue(unitIds, now),
      this.unitsWithoutRiskAnalysis(unitIds, Number(today.slice(0, 4))),
      this.reportsAwaitingApproval(principal),
    ]);
    return {
      on: today,
      unitIds,
      document: toDecisionStatusDto(ledningssystemHealth(document, now)),
      routinesOverdue: routines.filter((r) => r.nextRevisionDue! <= today).length,
      routinesDueSoon: routines.filter((r) => r.nextRevisionDue! > today && r.nextRevisionDue! <= soon)
        .length,
      appointmentsMissing: missingAppointments(
        await appointmentsWithDelegations(this.dataSource, of<AppointmentState>('appointment')),
        today,
      ).filter((m) => unitIds.includes(m.requirement.unitId)).length,
      egenkontrollMissing: of<EgenkontrollPlanState>('egenkontroll')
        .filter((p) => p.status === 'adopted')
        .reduce((n, p) => n + planOccurrences(p, now).filter((o) => o.status === 'missing').length, 0),
      internkontrollStepsDue: internkontrollSteps,
      trainingOverdue: of<{ status: string; nextDue: string | null }>('training').filter(
        (t) => t.status === 'active' && t.nextDue !== null && t.nextDue <= today,
      ).length,
      riskAnalysisGaps: riskGaps.without.length,
      riskAnalysisUnits: riskGaps.units,
      improvementsOverdue,
      arshjulOverdue: of<ArshjulState>('arshjul').reduce(
        (n, plan) => n + plan.items.filter((item) => isArshjulItemOverdue(item, today)).length,
        0,
      ),
      reportsAwaitingApproval,
    };
  }

  /** REP-13's inputs for the review held in March of `year`: the year before, as the registers hold it. */
  async facts(principal: Principal, year: number, now: Date): Promise<ReviewFactSheetDto> {
    const today = stockholmDateOf(now);
    const periodYear = year - 1;
    const unitIds = statusUnitsOf(principal);
    const rows = await this.registerRows(unitIds);
    const of = <S>(type: string) => rows.filter((r) => r.aggregate_type === type).map((r) => r.state as S);
    const routines = of<{ status: string; nextRevisionDue: string | null }>('routine').filter(
      (r) => r.status === 'adopted',
    );
    const occurrences = of<EgenkontrollPlanState>('egenkontroll')
      .filter((p) => p.status === 'adopted' && p.year === periodYear)
      .flatMap((p) => planOccurrences(p, now));
    const internkontroll = of<InternkontrollState>('internkontroll').find((p) => p.year === periodYear);
    const arshjul = of<ArshjulState>('arshjul')
      .filter((plan) => plan.year === periodYear)
      .map((plan) => arshjulCompletion(plan, today));
    const [risk, caseRows, improvementRows] = await Promise.all([
      this.unitsWithoutRiskAnalysis(unitIds, periodYear),
      this.dataSource.query<{ type: string; n: string }[]>(
        `SELECT type, count(*) AS n FROM rm_statistics_cases
          WHERE unit_id = ANY($1::text[]) AND extract(year FROM reported_at AT TIME ZONE 'Europe/Stockholm') = $2
          GROUP BY type`,
        [unitIds, periodYear],
      ),
      this.dataSource.query<{ open: string; overdue: string }[]>(
        `SELECT count(*) AS open, count(*) FILTER (WHERE due_at < $2) AS overdue FROM rm_improvements
          WHERE kind IN ('proposal', 'action') AND stage IN ('proposed', 'planned') AND unit_id = ANY($1::text[])`,
        [unitIds, now.toISOString()],
      ),
    ]);
    const cases = Object.fromEntries(
      REVIEW_CASE_TYPES.map((type) => [type, Number(caseRows.find((r) => r.type === type)?.n ?? 0)]),
    ) as Record<(typeof REVIEW_CASE_TYPES)[number], number>;
    return {
      year,
      periodYear,
      on: today,
      routinesAdopted: routines.length,
      routinesOverdue: routines.filter((r) => r.nextRevisionDue !== null && r.nextRevisionDue <= today)
        .length,
      egenkontrollDone: occurrences.filter((o) => o.status === 'done').length,
      egenkontrollMissing: occurrences.filter((o) => o.status === 'missing').length,
      internkontrollStage: internkontroll?.stage ?? null,
      internkontrollSummary: internkontroll?.report?.summary ?? null,
      arshjul:
        arshjul.length === 0
          ? null
          : {
              done: arshjul.reduce((n, c) => n + c.done, 0),
              total: arshjul.reduce((n, c) => n + c.total, 0),
              overdue: arshjul.reduce((n, c) => n + c.overdue.length, 0),
            },
      riskAnalysesPerUnit: risk.perUnit,
      unitsWithoutRiskAnalysis: risk.without,
      cases,
      improvementsOpen: Number(improvementRows[0]?.open ?? 0),
      improvementsOverdue: Number(improvementRows[0]?.overdue ?? 0),
      appointmentsMissing: missingAppointments(
        await appointmentsWithDelegations(this.dataSource, of<AppointmentState>('appointment')),
        today,
      ).filter((m) => unitIds.includes(m.requirement.unitId)).length,
      trainingOverdue: of<{ status: string; nextDue: string | null }>('training').filter(
        (t) => t.status === 'active' && t.nextDue !== null && t.nextDue <= today,
      ).length,
    };
  }

  private registerRows(unitIds: readonly string[]): Promise<RegisterRow[]> {
    return this.dataSource.query(
      `SELECT aggregate_type, unit_id, state FROM rm_ledningssystem
        WHERE aggregate_type = ANY($1::text[]) AND unit_id = ANY($2::text[])`,
      [REGISTER_TYPES, [...unitIds]],
    );
  }

  /**
   * Drafts the scheduled runs made (REP-1) that no one has approved yet, of the kinds the caller may
   * read, for the caller's boards; null when the caller reads none of them.
   */
  private async reportsAwaitingApproval(principal: Principal): Promise<number | null> {
    const kinds = Object.values(APPROVABLE_REPORTS)
      .map((report) => report.kind)
      .filter((kind) => canReadReportKind(principal, kind));
    if (kinds.length === 0) return null;
    return this.count(
      `SELECT count(*) AS n FROM generated_reports g
        WHERE g.kind = ANY($1::text[])
          AND (position('@' IN g.report_key) = 0 OR split_part(g.report_key, '@', 2) = ANY($2::text[]))
          AND NOT EXISTS (SELECT 1 FROM report_versions v WHERE v.report_key = g.report_key)`,
      [kinds, ORGANISATION.boardsOf(principal)],
    );
  }

  private async documentState(): Promise<LedningssystemDocumentState | undefined> {
    const rows: { state: LedningssystemDocumentState }[] = await this.dataSource.query(
      `SELECT state FROM rm_ledningssystem WHERE aggregate_type = 'ledningssystem' LIMIT 1`,
    );
    return rows[0]?.state;
  }

  private async count(sql: string, values: unknown[]): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(sql, values);
    return Number(rows[0]?.n ?? 0);
  }

  private improvementsOverdue(unitIds: readonly string[], now: Date): Promise<number> {
    return this.count(
      `SELECT count(*) AS n FROM rm_improvements
        WHERE kind IN ('proposal', 'action') AND stage = 'planned' AND due_at < $1 AND unit_id = ANY($2::text[])`,
      [now.toISOString(), [...unitIds]],
    );
  }

  private async unitsWithoutRiskAnalysis(
    unitIds: readonly string[],
    year: number,
  ): Promise<{ units: number; perUnit: UnitCountDto[]; without: UnitCountDto[] }> {
    const workUnits = workUnitsOf(unitIds);
    const counts: { unit_id: string; n: string }[] = await this.dataSource.query(
      `SELECT unit_id, count(*) AS n FROM rm_risk_assessments
        WHERE unit_id = ANY($1::text[]) AND stage NOT IN ('proposed', 'dismissed')
          AND extract(year FROM created_at AT TIME ZONE 'Europe/Stockholm') = $2
        GROUP BY unit_id`,
      [workUnits, year],
    );
    const perUnit = workUnits.map((unitId) => ({
      unitId,
      name: ORGANISATION.get(unitId)?.name ?? unitId,
      count: Number(counts.find((c) => c.unit_id === unitId)?.n ?? 0),
    }));
    return { units: workUnits.length, perUnit, without: perUnit.filter((u) => u.count === 0) };
  }
}
