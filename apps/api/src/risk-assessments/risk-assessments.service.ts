import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  RISK_ASSESSMENT_USER_COMMANDS,
  RISK_LEVELS,
  RISK_LEVEL_INFO,
  buildRiskMatrix,
  buildRiskAssessmentView,
  type CaseActor,
  type RiskAssessmentAggregateState,
  type RiskAssessmentUserCommand,
  type RiskAssessmentView,
  maskPersonnummer,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  RiskAssessmentCommandService,
  RiskPolicyRepository,
  toRiskAssessmentEvents,
  type RiskAssessmentCommandInput,
} from '@kvalitet/persistence';
import { canUseRiskAssessment, riskAssessmentVisibility } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { AccessLogService } from '../audit/access-log.service';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { PersonChecks } from '../users/person-checks';
import { ORGANISATION } from '../org/organisation.instance';
import type { CreateRiskAssessmentDto, RiskAssessmentCommandDto } from './dto/risk-assessment-command.dto';
import type {
  RiskAssessmentDto,
  RiskAssessmentListDto,
  RiskAssessmentListItemDto,
  RiskAssessmentListQueryDto,
  RiskCoverageDto,
  RiskMatrixDto,
} from './dto/risk-assessment.dto';
import type { LoadedRiskAssessment } from './risk-assessment-access';

interface ListRow {
  id: string;
  reference: string;
  title: string;
  unit_id: string;
  trigger: string;
  stage: string;
  owner: string | null;
  risk_count: number;
  max_score: number | null;
  max_level: string | null;
  current_max_score: number | null;
  open_actions: number;
  missed_actions: number;
  next_due_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
  version: number;
  risks: { probability: number; severity: number; score: number; level: string }[] | null;
  overdue: boolean;
  total: string;
}

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function actorOf(principal: Principal): CaseActor {
  return { username: principal.username, roles: [...principal.roles] };
}

/** The risk assessment use cases; controllers only translate HTTP to these calls. */
@Injectable()
export class RiskAssessmentsService {
  constructor(
    private readonly commands: RiskAssessmentCommandService,
    private readonly policies: RiskPolicyRepository,
    private readonly accessLog: AccessLogService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {}

  async create(
    principal: Principal,
    body: CreateRiskAssessmentDto,
    info: RequestInfo,
    assessmentId?: string,
  ): Promise<RiskAssessmentDto> {
    if (!canUseRiskAssessment(principal, body.unitId, ORGANISATION))
      throw ApiProblem.forbidden(
        'Du får bara göra riskanalyser för dina egna enheter och enheterna under dem.',
      );
    const { state, events } = await createOnce({
      idempotentId: assessmentId,
      load: (id) => this.commands.load(id),
      create: () =>
        this.commands.create(
          {
            title: body.title,
            unitId: body.unitId,
            trigger: body.trigger,
            ...(body.description === undefined ? {} : { description: body.description }),
            risks: body.risks.map((risk) => ({
              riskId: randomUUID(),
              description: risk.description,
              probability: risk.probability,
              severity: risk.severity,
              ...(risk.causes === undefined ? {} : { causes: risk.causes }),
            })),
          },
          actorOf(principal),
          { requestId: info.requestId, ...(assessmentId === undefined ? {} : { assessmentId }) },
        ),
    });
    return this.view(state, events);
  }

  async detail(
    principal: Principal,
    loaded: LoadedRiskAssessment,
    info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    await this.accessLog.record(
      principal,
      loaded.state.id,
      'read_risk_assessment',
      info.route,
      info.requestId,
    );
    return this.view(loaded.state, loaded.events);
  }

  async execute(
    principal: Principal,
    loaded: LoadedRiskAssessment,
    name: RiskAssessmentUserCommand,
    body: RiskAssessmentCommandDto,
    info: RequestInfo,
  ): Promise<RiskAssessmentDto> {
    const { expectedVersion, ...data } = body as RiskAssessmentCommandDto & Record<string, unknown>;
    if (name === 'add-action')
      await this.people.unitWorker(data['owner'], loaded.state.unitId, principal, 'owner');
    const withIds =
      name === 'add-action'
        ? { ...data, actionId: randomUUID() }
        : name === 'add-risk'
          ? { ...data, riskId: randomUUID() }
          : name === 'start' && Array.isArray(data['risks'])
            ? {
                ...data,
                risks: (data['risks'] as object[]).map((risk) => ({ ...risk, riskId: randomUUID() })),
              }
            : data;
    const command = { type: name, actor: actorOf(principal), data: withIds } as RiskAssessmentCommandInput;
    const result = await this.commands.execute(loaded.state.id, command, {
      requestId: info.requestId,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    const first = result.events[0];
    const history =
      first !== undefined && first.version === loaded.events.length + 1
        ? [...loaded.events, ...result.events]
        : (await this.commands.load(loaded.state.id)).events;
    await this.accessLog.record(
      principal,
      loaded.state.id,
      `command:risk-${name}`,
      info.route,
      info.requestId,
    );
    return this.view(result.state, history);
  }

  async list(principal: Principal, query: RiskAssessmentListQueryDto): Promise<RiskAssessmentListDto> {
    const visibility = riskAssessmentVisibility(principal, ORGANISATION);
    if (!visibility) throw ApiProblem.forbidden('Din roll ger inte tillgång till riskanalyser.');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { text, values } = this.where(visibility, query);
    const n = values.length;
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT id, reference, title, unit_id, trigger, stage, owner, risk_count, max_score, max_level, current_max_score,
              open_actions, missed_actions, next_due_at, created_at, closed_at, version,
              (SELECT jsonb_agg(jsonb_build_object(
                        'probability', coalesce((r->'residual'->>'probability')::int, (r->>'probability')::int),
                        'severity', coalesce((r->'residual'->>'severity')::int, (r->>'severity')::int),
                        'score', coalesce((r->'residual'->>'score')::int, (r->>'score')::int),
                        'level', coalesce(r->'residual'->>'level', r->>'level')))
                 FROM jsonb_array_elements(view->'risks') AS r) AS risks,
              (missed_actions > 0 OR (next_due_at IS NOT NULL AND next_due_at < now())) AS overdue,
              count(*) OVER () AS total
         FROM rm_risk_assessments ${text}
        ORDER BY created_at DESC, reference DESC
        LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...values, pageSize, (page - 1) * pageSize],
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (rows.length === 0 && page > 1) {
      const counted: { count: string }[] = await this.dataSource.query(
        `SELECT count(*) FROM rm_risk_assessments ${text}`,
        values,
      );
      total = Number(counted[0]?.count ?? 0);
    }
    return { items: rows.map(toListItem), total, page, pageSize };
  }

  /** The 4×4 matrix (RA-1) with the levels of the current policy and how many visible risks sit in each cell. */
  async matrix(principal: Principal, unitId: string | undefined): Promise<RiskMatrixDto> {
    const visibility = riskAssessmentVisibility(principal, ORGANISATION);
    if (!visibility) throw ApiProblem.forbidden('Din roll ger inte tillgång till riskanalyser.');
    const policy = await this.policies.current();
    const { text, values } = this.where(visibility, { unitId, stage: undefined, trigger: undefined });
    const counts: { probability: number; severity: number; count: string }[] = await this.dataSource.query(
      `SELECT coalesce((r->'residual'->>'probability')::int, (r->>'probability')::int) AS probability,
              coalesce((r->'residual'->>'severity')::int, (r->>'severity')::int) AS severity, count(*) AS count
         FROM rm_risk_assessments, jsonb_array_elements(view->'risks') AS r
         ${text ? `${text} AND` : 'WHERE'} stage NOT IN ('dismissed')
        GROUP BY 1, 2`,
      values,
    );
    const countOf = (p: number, s: number) =>
      Number(counts.find((c) => Number(c.probability) === p && Number(c.severity) === s)?.count ?? 0);
    const matrix = buildRiskMatrix(policy.bands);
    return {
      rowHeading: matrix.rowHeading,
      columnHeading: matrix.columnHeading,
      columns: matrix.columns.map((c) => ({ ...c })),
      rows: matrix.rows.map((row) => ({
        probability: row.probability,
        label: row.label,
        cells: row.cells.map((cell) => ({
          probability: cell.probability,
          severity: cell.severity,
          score: cell.score,
          level: cell.level ?? 'low',
          count: countOf(cell.probability, cell.severity),
        })),
      })),
      levels: RISK_LEVELS.map((level) => ({
        level,
        label: RISK_LEVEL_INFO[level].label,
        demand: RISK_LEVEL_INFO[level].demand,
        min: policy.bands[level].min,
        max: policy.bands[level].max,
        actionPlanRequired: RISK_LEVEL_INFO[level].actionPlanRequired,
        proposedForInternalControl: RISK_LEVEL_INFO[level].proposedForInternalControl,
      })),
      policyVersion: policy.version,
    };
  }

  /** RA-10: every unit the caller sees, with its risk analyses of the year; those without one are flagged. */
  async coverage(principal: Principal, year: number): Promise<RiskCoverageDto> {
    const visibility = riskAssessmentVisibility(principal, ORGANISATION);
    if (!visibility) throw ApiProblem.forbidden('Din roll ger inte tillgång till riskanalyser.');
    const unitIds = visibility.all ? ORGANISATION.units.map((unit) => unit.id) : [...visibility.unitIds];
    const counts: { unit_id: string; n: string }[] = await this.dataSource.query(
      `SELECT unit_id, count(*) AS n FROM rm_risk_assessments
        WHERE unit_id = ANY($1::text[]) AND stage NOT IN ('proposed', 'dismissed')
          AND extract(year FROM created_at AT TIME ZONE 'Europe/Stockholm') = $2
        GROUP BY unit_id`,
      [unitIds, year],
    );
    const units = unitIds.map((unitId) => {
      const assessments = Number(counts.find((c) => c.unit_id === unitId)?.n ?? 0);
      return {
        unitId,
        name: ORGANISATION.get(unitId)?.name ?? unitId,
        assessments,
        covered: assessments > 0,
      };
    });
    return { year, units, uncovered: units.filter((u) => !u.covered).map((u) => u.unitId) };
  }

  private where(
    visibility: { all: boolean; unitIds: readonly string[] },
    query: {
      unitId?: string | undefined;
      stage?: string | undefined;
      trigger?: string | undefined;
      probability?: number | undefined;
      severity?: number | undefined;
    },
  ): { text: string; values: unknown[] } {
    const clauses: string[] = [];
    const values: unknown[] = [];
    if (!visibility.all) {
      values.push([...visibility.unitIds]);
      clauses.push(`unit_id = ANY($${values.length}::text[])`);
    }
    if (query.unitId !== undefined) {
      values.push(ORGANISATION.scopeOf([query.unitId]));
      clauses.push(`unit_id = ANY($${values.length}::text[])`);
    }
    if (query.stage !== undefined) {
      values.push(query.stage);
      clauses.push(`stage = $${values.length}`);
    }
    if (query.trigger !== undefined) {
      values.push(query.trigger);
      clauses.push(`trigger = $${values.length}`);
    }
    if (query.probability !== undefined || query.severity !== undefined) {
      // A heat-map cell: the analyses with a risk whose current assessment lies in it, as the matrix counts them.
      values.push(query.probability ?? null, query.severity ?? null);
      const p = values.length - 1;
      clauses.push(`stage NOT IN ('dismissed') AND EXISTS (SELECT 1 FROM jsonb_array_elements(view->'risks') AS r
        WHERE ($${p}::int IS NULL OR coalesce((r->'residual'->>'probability')::int, (r->>'probability')::int) = $${p}::int)
          AND ($${p + 1}::int IS NULL OR coalesce((r->'residual'->>'severity')::int, (r->>'severity')::int) = $${p + 1}::int))`);
    }
    return { text: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, values };
  }

  private view(state: RiskAssessmentAggregateState, events: readonly EventEnvelope[]): RiskAssessmentDto {
    const view = buildRiskAssessmentView(toRiskAssessmentEvents(events)) as RiskAssessmentView;
    return {
      ...(view as unknown as Omit<RiskAssessmentDto, 'allowedCommands'>),
      allowedCommands: allowedCommands(state),
    };
  }
}

/** The commands that make sense in the assessment's stage (the web UI shows only these). */
function allowedCommands(state: RiskAssessmentAggregateState): RiskAssessmentUserCommand[] {
  if (state.stage === 'closed' || state.stage === 'dismissed') return [];
  if (state.stage === 'proposed') return ['start', 'dismiss'];
  return RISK_ASSESSMENT_USER_COMMANDS.filter((command) => command !== 'start' && command !== 'dismiss');
}

function toListItem(row: ListRow): RiskAssessmentListItemDto {
  return {
    id: row.id,
    reference: row.reference,
    // A list leaves the assessment: a personnummer typed into the title shows only on it (issue 21).
    title: maskPersonnummer(row.title),
    unitId: row.unit_id,
    trigger: row.trigger,
    stage: row.stage,
    owner: row.owner,
    riskCount: row.risk_count,
    maxScore: row.max_score,
    maxLevel: row.max_level,
    currentMaxScore: row.current_max_score,
    openActions: row.open_actions,
    missedActions: row.missed_actions,
    nextDueAt: iso(row.next_due_at),
    overdue: row.overdue,
    risks: row.risks ?? [],
    createdAt: iso(row.created_at)!,
    closedAt: iso(row.closed_at),
    version: row.version,
  };
}
