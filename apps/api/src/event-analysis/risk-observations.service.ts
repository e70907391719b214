import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  RISK_OBSERVATION_AGGREGATE,
  RISK_OBSERVATION_REFERENCE_PREFIX,
  type RiskObservationCommand,
  type RiskObservationEvent,
  type RiskObservationState,
} from '@kvalitet/domain';
import {
  EventStore,
  ImprovementCommandService,
  LsCommandService,
  RiskAssessmentCommandService,
  VersionConflictError,
  allocateReference,
} from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { nameUuid } from '../routines/register-support/name-uuid';
import { requireUuid } from '../routines/register-support/require-uuid';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import { canReportRiskFor, canTriageRiskObservation } from './event-analysis-access';
import type {
  ReportRiskObservationDto,
  RiskObservationDto,
  RiskObservationListQueryDto,
  RiskObservationPageDto,
  TriageRiskObservationDto,
} from './risk-observations.dto';

const NOT_FOUND = 'Riskobservationen finns inte, eller så har du inte behörighet att se den.';

/** Who may read an observation: its reporter (IMP-8 feedback) and whoever may triage it. */
export function canReadRiskObservation(principal: Principal, state: RiskObservationState): boolean {
  return (
    state.reportedBy === principal.username || canTriageRiskObservation(principal, state.unitId, ORGANISATION)
  );
}

/** Staff risk observations (CT-14) and their triage by the unit manager (RA-12). */
@Injectable()
export class RiskObservationsService {
  readonly observations: LsCommandService<RiskObservationState, RiskObservationCommand, RiskObservationEvent>;

  constructor(
    store: EventStore,
    private readonly riskAssessments: RiskAssessmentCommandService,
    private readonly improvements: ImprovementCommandService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.observations = new LsCommandService(RISK_OBSERVATION_AGGREGATE, store);
  }

  private dto(principal: Principal, state: RiskObservationState): RiskObservationDto {
    return {
      id: state.id,
      reference: state.reference,
      unitId: state.unitId,
      title: state.title,
      description: state.description,
      reportedBy: state.reportedBy,
      reportedAt: state.reportedAt,
      triageDueAt: state.triageDueAt,
      status: state.status,
      triage: state.triage ? { ...state.triage } : null,
      canTriage:
        state.status === 'reported' && canTriageRiskObservation(principal, state.unitId, ORGANISATION),
      tasks: state.tasks.map(toLsTaskDto),
      version: state.version,
    };
  }

  async report(
    principal: Principal,
    dto: ReportRiskObservationDto,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<RiskObservationDto> {
    if (!canReportRiskFor(principal, dto.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du kan bara rapportera risker på enheter där du arbetar.');
    const observationId = idempotentId ?? randomUUID();
    const { state } = await createOnce({
      idempotentId,
      create: async () => {
        const reference = await this.dataSource.transaction((m) =>
          allocateReference(m, RISK_OBSERVATION_REFERENCE_PREFIX, new Date()),
        );
        return this.observations.execute(
          observationId,
          {
            type: 'report',
            actor: principal,
            data: {
              observationId,
              reference,
              unitId: dto.unitId,
              title: dto.title.trim(),
              description: dto.description.trim(),
            },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        );
      },
      load: (id) => this.observations.load(id),
    });
    return this.dto(principal, state);
  }

  private async loadVisible(principal: Principal, id: string): Promise<RiskObservationState> {
    const { state } = await this.observations.load(requireUuid(id, 'Riskobservationen'));
    if (!state || !canReadRiskObservation(principal, state)) throw ApiProblem.notFound(NOT_FOUND);
    return state;
  }

  async get(principal: Principal, id: string): Promise<RiskObservationDto> {
    return this.dto(principal, await this.loadVisible(principal, id));
  }

  async list(principal: Principal, query: RiskObservationListQueryDto): Promise<RiskObservationPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const triageUnits = query.mine
      ? []
      : ORGANISATION.units
          .map((u) => u.id)
          .filter((u) => canTriageRiskObservation(principal, u, ORGANISATION));
    const rows: { state: RiskObservationState; total: string }[] = await this.dataSource.query(
      `SELECT state, count(*) OVER () AS total FROM rm_ledningssystem
        WHERE aggregate_type = $1 AND ($2::text IS NULL OR status = $2)
          AND (unit_id = ANY($3::text[]) OR state->>'reportedBy' = $4)
        ORDER BY status = 'triaged', state->>'reportedAt' DESC, id
        LIMIT $5 OFFSET $6`,
      [
        RISK_OBSERVATION_AGGREGATE.aggregateType,
        query.status ?? null,
        triageUnits,
        principal.username,
        pageSize,
        (page - 1) * pageSize,
      ],
    );
    return {
      items: rows.map((r) => this.dto(principal, r.state)),
      total: rows[0] ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  /**
   * The manager's triage (RA-12). A risk analysis or an improvement action is created first, under an
   * id derived from the observation, so a retry after a failed triage finds it instead of making a
   * second one.
   */
  async triage(
    principal: Principal,
    id: string,
    dto: TriageRiskObservationDto,
    info: RequestInfo,
  ): Promise<RiskObservationDto> {
    const state = await this.loadVisible(principal, id);
    if (!canTriageRiskObservation(principal, state.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Bara enhetens chef kan ta ställning till riskobservationen.');
    if (state.status === 'triaged')
      throw new ApiProblem('INVALID_TRANSITION', 'Observationen är redan hanterad.');
    if (dto.outcome === 'no_action' && !dto.rationale?.trim())
      throw ApiProblem.validation(
        [{ field: 'rationale', code: 'RATIONALE_REQUIRED', message: 'Motivera varför ingen åtgärd behövs.' }],
        'Motivera varför ingen åtgärd behövs.',
      );
    if (dto.outcome === 'improvement_action' && !dto.plan)
      throw ApiProblem.validation(
        [{ field: 'plan', code: 'REQUIRED', message: 'Beskriv åtgärden: vad, vem som ansvarar och när.' }],
        'Beskriv åtgärden: vad, vem som ansvarar och när.',
      );
    let target: { targetId: string; targetReference: string } | null = null;
    if (dto.outcome === 'risk_assessment') target = await this.riskAssessmentFor(principal, state, info);
    if (dto.outcome === 'improvement_action') target = await this.actionFor(principal, state, dto, info);
    const rationale = dto.rationale?.trim();
    const result = await this.observations.execute(
      state.id,
      {
        type: 'triage',
        actor: principal,
        data: { outcome: dto.outcome, ...(rationale ? { rationale } : {}), ...(target ?? {}) },
      },
      { expectedVersion: dto.expectedVersion, requestId: info.requestId },
    );
    return this.dto(principal, result.state);
  }

  private async riskAssessmentFor(principal: Principal, state: RiskObservationState, info: RequestInfo) {
    const assessmentId = nameUuid(`risk-observation/${state.id}/risk-assessment`);
    const existing = await this.riskAssessments.load(assessmentId);
    const created =
      existing.state ??
      (
        await this.riskAssessments
          .create(
            {
              title: state.title,
              unitId: state.unitId,
              trigger: 'other',
              description: `Från riskobservation ${state.reference}: ${state.description}`,
              risks: [],
            },
            { username: principal.username, roles: [...principal.roles] },
            { assessmentId, requestId: info.requestId },
          )
          .catch(async (error: unknown) => {
            if (error instanceof VersionConflictError) return this.riskAssessments.load(assessmentId);
            throw error;
          })
      ).state!;
    return { targetId: created.id, targetReference: created.reference };
  }

  private async actionFor(
    principal: Principal,
    state: RiskObservationState,
    dto: TriageRiskObservationDto,
    info: RequestInfo,
  ) {
    const improvementId = nameUuid(`risk-observation/${state.id}/improvement`);
    const existing = await this.improvements.load(improvementId);
    const created =
      existing.state ??
      (
        await this.improvements
          .create(
            {
              type: 'create-action',
              actor: { username: principal.username, roles: [...principal.roles] },
              data: {
                unitId: state.unitId,
                description: `Från riskobservation ${state.reference}: ${state.description}`,
                sources: [{ kind: 'risk_observation', id: state.id, reference: state.reference, causes: [] }],
                plan: { ...dto.plan! },
                taskId: randomUUID(),
              },
            },
            { improvementId, requestId: info.requestId },
          )
          .catch(async (error: unknown) => {
            if (error instanceof VersionConflictError) return this.improvements.load(improvementId);
            throw error;
          })
      ).state!;
    return { targetId: created.id, targetReference: created.reference };
  }
}
