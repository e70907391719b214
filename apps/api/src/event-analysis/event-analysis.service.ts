import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  EVENT_ANALYSIS_AGGREGATE,
  EVENT_ANALYSIS_REFERENCE_PREFIX,
  stockholmDateOf,
  type AnalysedCase,
  type CauseCategory,
  type EventAnalysisCommand,
  type EventAnalysisEvent,
  type EventAnalysisState,
} from '@kvalitet/domain';
import {
  CaseCommandService,
  CauseCategoriesRepository,
  EventStore,
  LsCommandService,
  allocateReference,
  type SavedCauseCategories,
} from '@kvalitet/persistence';
import { canReadCase } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { caseFactsOf, CASE_NOT_FOUND } from '../cases/case-access.service';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { requireUuid } from '../routines/register-support/require-uuid';
import { analysableUnits, canAnalyseAnyOf } from './event-analysis-access';
import type {
  AnalysisActionDto,
  CauseTrendDto,
  EventAnalysisDto,
  EventAnalysisListQueryDto,
  EventAnalysisPageDto,
  EventAnalysisSummaryDto,
  StartEventAnalysisDto,
} from './event-analysis.dto';
import { PersonChecks } from '../users/person-checks';

type AnalysisCommand = Exclude<EventAnalysisCommand, { type: 'start' | 'advance-duties' }>;

const ANALYSIS_NOT_FOUND = 'Händelseanalysen finns inte, eller så har du inte behörighet att se den.';

const unitIdsOf = (state: EventAnalysisState) => [...new Set(state.cases.map((c) => c.unitId))];

/** Händelseanalyser (RA-11) and their root causes by category (IMP-5); actions are improvement actions. */
@Injectable()
export class EventAnalysisService {
  readonly analyses: LsCommandService<EventAnalysisState, EventAnalysisCommand, EventAnalysisEvent>;
  readonly categories: CauseCategoriesRepository;

  constructor(
    store: EventStore,
    private readonly cases: CaseCommandService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {
    this.analyses = new LsCommandService(EVENT_ANALYSIS_AGGREGATE, store);
    this.categories = new CauseCategoriesRepository(store);
  }

  /** The case as the analysis records it, if the caller may read it (404 otherwise, as for every case read). */
  private async readableCase(principal: Principal, caseId: string): Promise<AnalysedCase> {
    const { state, events } = await this.cases.load(caseId.toLowerCase());
    if (
      !state ||
      events[0]?.aggregateType !== 'case' ||
      !canReadCase(principal, caseFactsOf(state, events), ORGANISATION)
    )
      throw ApiProblem.validation(
        [{ field: 'caseIds', code: 'CASE_NOT_FOUND', message: CASE_NOT_FOUND }],
        CASE_NOT_FOUND,
      );
    return { caseId: state.id, caseNumber: state.caseNumber, unitId: state.unitId };
  }

  async start(
    principal: Principal,
    dto: StartEventAnalysisDto,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<EventAnalysisDto> {
    const cases: AnalysedCase[] = [];
    for (const caseId of [...new Set(dto.caseIds.map((id) => id.toLowerCase()))])
      cases.push(await this.readableCase(principal, caseId));
    if (
      !canAnalyseAnyOf(
        principal,
        cases.map((c) => c.unitId),
        ORGANISATION,
      )
    )
      throw ApiProblem.forbidden('Du får bara starta händelseanalyser för ärenden inom ditt ansvar.');
    for (const unitId of new Set(cases.map((c) => c.unitId)))
      await this.people.unitWorker(dto.owner, unitId, principal, 'owner');
    const { categories } = await this.categories.current();
    const analysisId = idempotentId ?? randomUUID();
    const { state } = await createOnce({
      idempotentId,
      create: async () => {
        // A separate transaction: a refused start leaves a gap in the HA numbers, which is harmless.
        const reference = await this.dataSource.transaction((m) =>
          allocateReference(m, EVENT_ANALYSIS_REFERENCE_PREFIX, new Date()),
        );
        return this.analyses.execute(
          analysisId,
          {
            type: 'start',
            actor: principal,
            data: {
              analysisId,
              reference,
              title: dto.title.trim(),
              owner: dto.owner,
              cases,
              team: (dto.team ?? []).map((m) => ({ name: m.name.trim(), role: m.role.trim() })),
              categories: [...categories],
            },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        );
      },
      load: (id) => this.analyses.load(id),
    });
    return this.view(principal, state);
  }

  async load(principal: Principal, id: string): Promise<EventAnalysisState> {
    const { state } = await this.analyses.load(requireUuid(id, 'Händelseanalysen'));
    if (!state || !canAnalyseAnyOf(principal, unitIdsOf(state), ORGANISATION))
      throw ApiProblem.notFound(ANALYSIS_NOT_FOUND);
    return state;
  }

  async get(principal: Principal, id: string): Promise<EventAnalysisDto> {
    return this.view(principal, await this.load(principal, id));
  }

  async command(
    principal: Principal,
    id: string,
    command: AnalysisCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    const state = await this.load(principal, id);
    const result = await this.analyses.execute(state.id, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return this.view(principal, result.state);
  }

  async linkCase(
    principal: Principal,
    id: string,
    caseId: string,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<EventAnalysisDto> {
    await this.load(principal, id);
    const linked = await this.readableCase(principal, caseId);
    return this.command(
      principal,
      id,
      { type: 'link-case', actor: principal, data: linked },
      expectedVersion,
      info,
    );
  }

  async list(principal: Principal, query: EventAnalysisListQueryDto): Promise<EventAnalysisPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows: { state: EventAnalysisState; total: string }[] = await this.dataSource.query(
      `SELECT state, count(*) OVER () AS total FROM rm_ledningssystem
        WHERE aggregate_type = $1 AND ($2::text IS NULL OR status = $2)
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(state->'cases') c
                       WHERE c->>'unitId' = ANY($3::text[]) AND ($4::text IS NULL OR c->>'caseId' = $4))
        ORDER BY status = 'completed', state->>'startedAt' DESC, id
        LIMIT $5 OFFSET $6`,
      [
        EVENT_ANALYSIS_AGGREGATE.aggregateType,
        query.status ?? null,
        analysableUnits(principal, ORGANISATION),
        query.caseId?.toLowerCase() ?? null,
        pageSize,
        (page - 1) * pageSize,
      ],
    );
    return {
      items: rows.map(({ state }) => summaryOf(state)),
      total: rows[0] ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  /** Causes per category of the analyses started in the period (IMP-5 trends), root and contributing apart. */
  async causeTrend(principal: Principal, from: string, to: string): Promise<CauseTrendDto> {
    if (from > to)
      throw ApiProblem.validation([
        { field: 'to', code: 'PERIOD_REVERSED', message: 'Periodens slut ligger före dess början.' },
      ]);
    const rows: { state: EventAnalysisState }[] = await this.dataSource.query(
      `SELECT state FROM rm_ledningssystem
        WHERE aggregate_type = $1
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(state->'cases') c WHERE c->>'unitId' = ANY($2::text[]))`,
      [EVENT_ANALYSIS_AGGREGATE.aggregateType, analysableUnits(principal, ORGANISATION)],
    );
    const inPeriod = rows
      .map((r) => r.state)
      .filter((s) => {
        const day = stockholmDateOf(new Date(s.startedAt));
        return day >= from && day <= to;
      });
    const { categories } = await this.categories.current();
    const counts = new Map<string, { label: string; root: number; contributing: number }>(
      categories.map((c) => [c.code, { label: c.label, root: 0, contributing: 0 }]),
    );
    for (const analysis of inPeriod)
      for (const cause of analysis.causes) {
        const label = analysis.categories.find((c) => c.code === cause.category)?.label ?? cause.category;
        const count = counts.get(cause.category) ?? { label, root: 0, contributing: 0 };
        count[cause.kind] += 1;
        counts.set(cause.category, count);
      }
    return {
      from,
      to,
      analyses: inPeriod.length,
      categories: [...counts].map(([category, c]) => ({
        category,
        label: c.label,
        root: c.root,
        contributing: c.contributing,
        total: c.root + c.contributing,
      })),
    };
  }

  currentCategories(): Promise<SavedCauseCategories> {
    return this.categories.current();
  }

  async saveCategories(
    principal: Principal,
    categories: readonly CauseCategory[],
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<SavedCauseCategories> {
    const codes = categories.map((c) => c.code);
    const duplicate = codes.findIndex((code, i) => codes.indexOf(code) !== i);
    if (duplicate >= 0)
      throw ApiProblem.validation([
        {
          field: `categories[${duplicate}].code`,
          code: 'DUPLICATE_CODE',
          message: 'Två kategorier har samma kod.',
        },
      ]);
    return this.categories.change(
      categories.map((c) => ({ code: c.code, label: c.label.trim() })),
      principal.username,
      { ...(expectedVersion === undefined ? {} : { expectedVersion }), requestId: info.requestId },
    );
  }

  /** The improvement actions whose source is this analysis, with their stage (IMP-1, IMP-4). */
  private async actionsOf(analysisId: string): Promise<AnalysisActionDto[]> {
    const rows: {
      id: string;
      reference: string;
      title: string;
      stage: string;
      owner: string | null;
      due_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, reference, title, stage, owner, due_at FROM rm_improvements
        WHERE kind = 'action' AND view->'sources' @> $1::jsonb ORDER BY created_at, reference`,
      [JSON.stringify([{ kind: 'event_analysis', id: analysisId }])],
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      stage: r.stage,
      owner: r.owner,
      dueAt: r.due_at === null ? null : new Date(r.due_at).toISOString(),
    }));
  }

  /**
   * The analysis as the caller may see it: the free text (what happened, causes, summary) only for
   * those who may read every linked case — a cross-unit analysis can hold another unit's details.
   */
  private async view(principal: Principal, state: EventAnalysisState): Promise<EventAnalysisDto> {
    const cases = await Promise.all(
      state.cases.map(async (c) => {
        const { state: loaded, events } = await this.cases.load(c.caseId);
        const readable = loaded !== null && canReadCase(principal, caseFactsOf(loaded, events), ORGANISATION);
        return { ...c, readable };
      }),
    );
    const restricted = cases.some((c) => !c.readable);
    const labelOf = (code: string) => state.categories.find((c) => c.code === code)?.label ?? code;
    return {
      id: state.id,
      reference: state.reference,
      title: state.title,
      owner: state.owner,
      unitId: state.unitId,
      unitIds: unitIdsOf(state),
      cases,
      team: state.team.map((m) => ({ ...m })),
      timeline: state.timeline.map((e) => ({ ...e, what: restricted ? null : e.what })),
      causes: state.causes.map((c) => ({
        ...c,
        categoryLabel: labelOf(c.category),
        description: restricted ? null : c.description,
      })),
      categories: state.categories.map((c) => ({ ...c })),
      actions: await this.actionsOf(state.id),
      status: state.status,
      summary: restricted ? null : state.summary,
      restricted,
      startedAt: state.startedAt,
      startedBy: state.startedBy,
      completedAt: state.completedAt,
      completedBy: state.completedBy,
      version: state.version,
    };
  }
}

function summaryOf(state: EventAnalysisState): EventAnalysisSummaryDto {
  return {
    id: state.id,
    reference: state.reference,
    title: state.title,
    owner: state.owner,
    unitIds: unitIdsOf(state),
    caseNumbers: state.cases.map((c) => c.caseNumber),
    status: state.status,
    causeCount: state.causes.length,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
  };
}
