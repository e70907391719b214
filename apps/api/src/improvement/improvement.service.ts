import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  addPolicyDuration,
  EVENT_ANALYSIS_AGGREGATE,
  type EventAnalysisCommand,
  type EventAnalysisEvent,
  type EventAnalysisState,
  buildImprovementView,
  buildRiskAssessmentView,
  type CaseActor,
  type ImprovementAggregateState,
  type ImprovementSource,
  type ImprovementView,
  maskPersonnummer,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  CaseCommandService,
  EventStore,
  ImprovementCommandService,
  LsCommandService,
  PolicyRepository,
  RiskAssessmentCommandService,
  toImprovementEvents,
  toRiskAssessmentEvents,
  type ImprovementCommandInput,
  type ImprovementCreateInput,
} from '@kvalitet/persistence';
import {
  boardUnitsOf,
  canHandleImprovement,
  canReadCase,
  canRecordLessonCheck,
  canSpreadLessonFrom,
  canUseRiskAssessment,
  type ImprovementFacts,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import { AccessLogService } from '../audit/access-log.service';
import { caseFactsOf } from '../cases/case-access.service';
import { canAnalyseAnyOf } from '../event-analysis/event-analysis-access';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import type {
  AssessImprovementDto,
  CreateImprovementActionDto,
  ImplementImprovementDto,
  ImprovementCommandDto,
  ProposeImprovementDto,
  RecordLessonCheckDto,
  ReplanImprovementDto,
  ShareLessonDto,
} from './dto/improvement-command.dto';
import type {
  ImprovementDto,
  ImprovementListDto,
  ImprovementListQueryDto,
  LessonDto,
} from './dto/improvement.dto';
import { PersonChecks } from '../users/person-checks';

export interface LoadedImprovement {
  state: ImprovementAggregateState;
  events: EventEnvelope[];
  facts: ImprovementFacts;
}

export type ImprovementKind = 'proposal' | 'action' | 'lesson';

function actorOf(principal: Principal): CaseActor {
  return { username: principal.username, roles: [...principal.roles] };
}

export function improvementFactsOf(state: ImprovementAggregateState): ImprovementFacts {
  if (state.kind === 'lesson')
    return {
      kind: 'lesson',
      unitId: state.sourceUnitId,
      proposer: null,
      owner: null,
      targetUnitIds: state.targetUnitIds,
    };
  return {
    kind: state.kind,
    unitId: state.unitId,
    proposer: state.proposer,
    owner: state.owner,
    targetUnitIds: [],
  };
}

const SOURCE_CAUSES_MESSAGE =
  'Orsakerna måste vara sådana som utredningen eller riskanalysen har registrerat.';

/** Improvement use cases (domain.md §9); controllers only translate HTTP to these calls. */
@Injectable()
export class ImprovementService {
  constructor(
    private readonly improvements: ImprovementCommandService,
    private readonly cases: CaseCommandService,
    private readonly riskAssessments: RiskAssessmentCommandService,
    private readonly policies: PolicyRepository,
    private readonly accessLog: AccessLogService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    store: EventStore,
    private readonly people: PersonChecks,
  ) {
    this.eventAnalyses = new LsCommandService(EVENT_ANALYSIS_AGGREGATE, store);
  }

  private readonly eventAnalyses: LsCommandService<
    EventAnalysisState,
    EventAnalysisCommand,
    EventAnalysisEvent
  >;

  async propose(
    principal: Principal,
    body: ProposeImprovementDto,
    info: RequestInfo,
    improvementId?: string,
  ): Promise<ImprovementDto> {
    const { events } = await this.createItem(
      {
        type: 'propose',
        actor: actorOf(principal),
        data: {
          unitId: body.unitId,
          title: body.title,
          description: body.description,
          ...(body.expectedEffect === undefined ? {} : { expectedEffect: body.expectedEffect }),
          taskId: randomUUID(),
        },
      },
      info,
      improvementId,
    );
    return this.itemView(events);
  }

  async createAction(
    principal: Principal,
    body: CreateImprovementActionDto,
    info: RequestInfo,
    improvementId?: string,
  ): Promise<ImprovementDto> {
    if (!canHandleImprovement(principal, body.unitId, ORGANISATION))
      throw ApiProblem.forbidden(
        'Du får bara besluta åtgärder för dina egna enheter och enheterna under dem.',
      );
    await this.people.unitWorker(body.plan.owner, body.unitId, principal, 'plan.owner');
    const source = await this.sourceOf(principal, body.source);
    const { events } = await this.createItem(
      {
        type: 'create-action',
        actor: actorOf(principal),
        data: {
          unitId: body.unitId,
          ...(body.description === undefined ? {} : { description: body.description }),
          sources: [source],
          plan: { ...body.plan },
          taskId: randomUUID(),
        },
      },
      info,
      improvementId,
    );
    return this.itemView(events);
  }

  /** Creates a proposal, action or lesson once per Idempotency-Key (`improvementId`, ADR 0009). */
  private createItem(input: ImprovementCreateInput, info: RequestInfo, improvementId: string | undefined) {
    return createOnce({
      idempotentId: improvementId,
      create: () =>
        this.improvements.create(input, {
          requestId: info.requestId,
          ...(improvementId === undefined ? {} : { improvementId }),
        }),
      load: (id) => this.improvements.load(id),
    });
  }

  /** The case or risk assessment an action comes from, and the causes it addresses (which must be theirs). */
  private async sourceOf(
    principal: Principal,
    input: CreateImprovementActionDto['source'],
  ): Promise<ImprovementSource> {
    const given = [input.caseId, input.riskAssessmentId, input.eventAnalysisId].filter(
      (id) => id !== undefined,
    );
    if (given.length !== 1) {
      throw ApiProblem.validation([
        {
          field: 'source',
          code: 'ONE_SOURCE',
          message: 'Ange en källa: caseId, riskAssessmentId eller eventAnalysisId.',
        },
      ]);
    }
    let recorded: string[] = [];
    let source: Omit<ImprovementSource, 'causes'>;
    if (input.eventAnalysisId !== undefined) {
      const { state } = await this.eventAnalyses.load(input.eventAnalysisId.toLowerCase());
      if (
        !state ||
        !canAnalyseAnyOf(
          principal,
          state.cases.map((c) => c.unitId),
          ORGANISATION,
        )
      )
        throw ApiProblem.notFound('Händelseanalysen finns inte, eller så har du inte behörighet att se den.');
      recorded = state.causes.map((cause) => cause.description);
      source = { kind: 'event_analysis', id: state.id, reference: state.reference };
    } else if (input.caseId !== undefined) {
      const { state, events } = await this.cases.load(input.caseId.toLowerCase());
      if (
        !state ||
        events[0]?.aggregateType !== 'case' ||
        !canReadCase(principal, caseFactsOf(state, events), ORGANISATION)
      )
        throw ApiProblem.notFound('Ärendet finns inte, eller så har du inte behörighet att se det.');
      const investigation = [...events].reverse().find((e) => e.type === 'InvestigationRecorded');
      recorded = Array.isArray(investigation?.data['causes'])
        ? (investigation.data['causes'] as unknown[]).map(String)
        : [];
      if (!investigation)
        throw new ApiProblem(
          'INVALID_TRANSITION',
          'Ärendets utredning är inte registrerad; åtgärder mot orsaker kräver utredningens orsaker.',
        );
      source = { kind: 'case', id: state.id, reference: state.caseNumber };
    } else {
      const { state, events } = await this.riskAssessments.load(input.riskAssessmentId!.toLowerCase());
      if (!state || !canUseRiskAssessment(principal, state.unitId, ORGANISATION))
        throw ApiProblem.notFound('Riskanalysen finns inte, eller så har du inte behörighet att se den.');
      recorded = buildRiskAssessmentView(toRiskAssessmentEvents(events))!.risks.flatMap(
        (risk) => risk.causes,
      );
      source = { kind: 'risk_assessment', id: state.id, reference: state.reference };
    }
    const missing = input.causes.map((c) => c.trim()).filter((cause) => !recorded.includes(cause));
    if (missing.length > 0)
      throw ApiProblem.validation([
        {
          field: 'source.causes',
          code: 'CAUSE_NOT_RECORDED',
          message: `${SOURCE_CAUSES_MESSAGE} Okända: ${missing.join(', ')}`,
        },
      ]);
    return { ...source, causes: input.causes.map((c) => c.trim()) };
  }

  async shareLesson(
    principal: Principal,
    body: ShareLessonDto,
    info: RequestInfo,
    improvementId?: string,
  ): Promise<LessonDto> {
    if (!canSpreadLessonFrom(principal, body.sourceUnitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får bara sprida lärdomar från enheter inom ditt ansvar.');
    const targets = [...new Set(body.targetUnitIds)];
    const { events } = await this.createItem(
      {
        type: 'share-lesson',
        actor: actorOf(principal),
        data: {
          sourceUnitId: body.sourceUnitId,
          title: body.title,
          finding: body.finding,
          ...(body.sourceCaseId === undefined ? {} : { sourceCaseId: body.sourceCaseId }),
          targetUnitIds: targets,
          dueAt: body.dueAt,
          taskIds: Object.fromEntries(targets.map((unit) => [unit, randomUUID()])),
        },
      },
      info,
      improvementId,
    );
    return buildImprovementView(toImprovementEvents(events)) as LessonDto;
  }

  async detail(
    principal: Principal,
    loaded: LoadedImprovement,
    info: RequestInfo,
  ): Promise<ImprovementDto | LessonDto> {
    await this.accessLog.record(principal, loaded.state.id, 'read_improvement', info.route, info.requestId);
    return buildImprovementView(toImprovementEvents(loaded.events)) as ImprovementDto | LessonDto;
  }

  async execute(
    principal: Principal,
    loaded: LoadedImprovement,
    name: ImprovementCommandInput['type'],
    body: ImprovementCommandDto,
    info: RequestInfo,
  ): Promise<ImprovementDto | LessonDto> {
    const { expectedVersion, ...rest } = body as ImprovementCommandDto & Record<string, unknown>;
    let data: Record<string, unknown> = rest;
    const plan = (rest as { plan?: { owner?: unknown } }).plan;
    if ((name === 'assess' || name === 'replan') && plan?.owner !== undefined && 'unitId' in loaded.state)
      await this.people.unitWorker(plan.owner, loaded.state.unitId, principal, 'plan.owner');
    if (name === 'assess') {
      const assess = rest as unknown as AssessImprovementDto;
      data = {
        ...assess,
        ...(assess.plan ? { plan: { ...assess.plan } } : {}),
        implementTaskId: randomUUID(),
        feedbackTaskId: randomUUID(),
      };
    } else if (name === 'replan') {
      data = { plan: { ...(rest as unknown as ReplanImprovementDto).plan }, taskId: randomUUID() };
    } else if (name === 'implement') {
      const implement = rest as unknown as ImplementImprovementDto;
      const followUp = (await this.policies.current()).deadlines['follow_up'] ?? 'P90D';
      data = {
        result: implement.result,
        followUpDueAt: implement.followUpDueAt ?? addPolicyDuration(new Date(), followUp).toISOString(),
        taskId: randomUUID(),
      };
    } else if (name === 'record-check') {
      const check = rest as unknown as RecordLessonCheckDto;
      if (!canRecordLessonCheck(principal, check.unitId, ORGANISATION))
        throw ApiProblem.forbidden('Du får bara registrera kontrollen för dina egna enheter.');
    }
    const command = { type: name, actor: actorOf(principal), data } as ImprovementCommandInput;
    const { events: appended } = await this.improvements.execute(loaded.state.id, command, {
      requestId: info.requestId,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    const history =
      appended[0] !== undefined && appended[0].version === loaded.events.length + 1
        ? [...loaded.events, ...appended]
        : (await this.improvements.load(loaded.state.id)).events;
    return buildImprovementView(toImprovementEvents(history)) as ImprovementDto | LessonDto;
  }

  async list(
    principal: Principal,
    kind: ImprovementKind,
    query: ImprovementListQueryDto,
  ): Promise<ImprovementListDto> {
    const boardWide = principal.roles.some((role) => role === 'quality_coordinator' || role === 'director');
    // kvalitet and the director see the improvement work of the boards they serve (ADR 0030).
    const boardUnits = boardWide ? boardUnitsOf(principal, ORGANISATION) : [];
    const all = boardWide && boardUnits.length === ORGANISATION.units.length;
    const managerUnits = [
      ...new Set([
        ...boardUnits,
        ...(principal.roles.some((role) => role === 'unit_manager' || role === 'division_manager')
          ? ORGANISATION.scopeOf(principal.unitIds)
          : []),
      ]),
    ];
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows: {
      id: string;
      kind: string;
      reference: string;
      unit_id: string;
      target_unit_ids: string[];
      stage: string;
      title: string;
      proposer: string | null;
      owner: string | null;
      due_at: Date | null;
      created_at: Date;
      version: number;
      feedback: ImprovementDto['feedback'];
      total: string;
    }[] = await this.dataSource.query(
      `SELECT id, kind, reference, unit_id, target_unit_ids, stage, title, proposer, owner, due_at, created_at, version,
              view->'feedback' AS feedback, count(*) OVER () AS total
         FROM rm_improvements
        WHERE kind = $1 AND ($2::text IS NULL OR stage = $2)
          AND ($3 OR unit_id = ANY($4::text[]) OR target_unit_ids && $4::text[] OR proposer = $5 OR owner = $5)
        ORDER BY created_at DESC, reference DESC
        LIMIT $6 OFFSET $7`,
      [kind, query.stage ?? null, all, managerUnits, principal.username, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        reference: row.reference,
        unitId: row.unit_id,
        targetUnitIds: row.target_unit_ids,
        stage: row.stage,
        // A list leaves the item: a personnummer typed into the title shows only on the item (issue 21).
        title: maskPersonnummer(row.title),
        proposer: row.proposer,
        owner: row.owner,
        dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
        feedback: row.feedback ?? null,
        createdAt: new Date(row.created_at).toISOString(),
        version: row.version,
      })),
      total: rows[0] ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  private itemView(events: readonly EventEnvelope[]): ImprovementDto {
    return buildImprovementView(toImprovementEvents(events)) as ImprovementView as unknown as ImprovementDto;
  }
}
