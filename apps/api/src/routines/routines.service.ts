import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { caseLinksOf, ROUTINE_AGGREGATE, stockholmDateOf } from '@kvalitet/domain';
import type { RoutineCommand, RoutineEvent, RoutineState } from '@kvalitet/domain';
import { CaseCommandService, EventStore, LsCommandService } from '@kvalitet/persistence';
import { canLinkCaseToRoutine, canManageUnitRegister, canReadCase } from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { CASE_NOT_FOUND, caseFactsOf, loadCaseById, type LoadedCase } from '../cases/case-access.service';
import { listRegister } from './register-support/register-list';
import { requireUuid } from './register-support/require-uuid';
import type {
  LinkRoutineCaseDto,
  RegisterRoutineDto,
  RequestRoutineReviewDto,
  RoutineChangesDto,
  RoutineChangesQueryDto,
  RoutineDto,
  RoutineListQueryDto,
  RoutinePageDto,
} from './routine.dto';
import { routineChangesBetween } from './routine-changes';
import { toRoutineDto } from './routine-view';
import { PersonChecks } from '../users/person-checks';

type RoutineCommandBody = Exclude<
  RoutineCommand,
  { type: 'register' | 'advance-duties' | 'link-case' | 'request-review' }
>;

/** The process and routine registry (PR-1 … PR-5): commands through the register's application service, lists from its read model. */
@Injectable()
export class RoutinesService {
  readonly routines: LsCommandService<RoutineState, RoutineCommand, RoutineEvent>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cases: CaseCommandService,
    private readonly people: PersonChecks,
  ) {
    this.routines = new LsCommandService(ROUTINE_AGGREGATE, store);
  }

  async register(
    user: Principal,
    dto: RegisterRoutineDto,
    info: RequestInfo,
    routineId?: string,
  ): Promise<RoutineDto> {
    if (!canManageUnitRegister(user, dto.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte registrera dokument för den enheten.');
    await this.peopleOf(user, dto, dto.unitId);
    if (dto.parentId) {
      const parent = await this.routines.load(dto.parentId.toLowerCase());
      if (!parent.state)
        throw ApiProblem.validation([
          { field: 'parentId', code: 'UNKNOWN_PARENT', message: 'Den överordnade processen finns inte.' },
        ]);
      if (parent.state.kind !== 'process')
        throw ApiProblem.validation([
          {
            field: 'parentId',
            code: 'PARENT_NOT_PROCESS',
            message: 'Ett dokument kan bara ligga under en process.',
          },
        ]);
    }
    const id = routineId ?? randomUUID();
    const { state } = await createOnce({
      idempotentId: routineId,
      load: (taken) => this.routines.load(taken),
      create: () =>
        this.routines.execute(
          id,
          {
            type: 'register',
            actor: user,
            data: {
              routineId: id,
              kind: dto.kind,
              level: dto.level,
              code: dto.code,
              title: dto.title,
              unitId: dto.unitId,
              owner: dto.owner,
              administrator: dto.administrator ?? null,
              parentId: dto.parentId?.toLowerCase() ?? null,
              revisionInterval: dto.revisionInterval,
              cooperation: dto.cooperation ?? [],
            },
          },
          { expectedVersion: 0, requestId: info.requestId },
        ),
    });
    return toRoutineDto(state, new Date());
  }

  async list(query: RoutineListQueryDto): Promise<RoutinePageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await listRegister<RoutineState>(this.dataSource, {
      aggregateType: ROUTINE_AGGREGATE.aggregateType,
      unitIds: query.unitId ? ORGANISATION.scopeOf([query.unitId]) : null,
      ...(query.status ? { status: query.status } : {}),
      ...(query.q ? { q: query.q } : {}),
      extra: [
        ...(query.kind ? [{ sql: `state->>'kind' = $1`, params: [query.kind] }] : []),
        ...(query.parentId
          ? [{ sql: `state->>'parentId' = $1`, params: [query.parentId.toLowerCase()] }]
          : []),
        ...(query.caseId
          ? [
              {
                sql: `coalesce(state->'caseLinks', '[]'::jsonb) @> $1::jsonb`,
                params: [JSON.stringify([{ caseId: query.caseId.toLowerCase() }])],
              },
            ]
          : []),
        ...(query.revisionOverdue === undefined
          ? []
          : [
              {
                sql: `(status = 'adopted' AND (state->>'nextRevisionDue') <= $1) = $2`,
                params: [stockholmDateOf(new Date()), query.revisionOverdue],
              },
            ]),
      ],
      page,
      pageSize,
    });
    const now = new Date();
    return { items: items.map((s) => toRoutineDto(s, now)), total, page, pageSize };
  }

  async get(user: Principal, id: string): Promise<RoutineDto> {
    const { state } = await this.routines.load(requireUuid(id, 'Dokumentet'));
    if (!state) throw ApiProblem.notFound('Processen eller rutinen finns inte.');
    return this.viewFor(user, state);
  }

  /** PR-8: link a case the caller investigates or manages; the case itself is not changed. */
  async linkCase(
    user: Principal,
    id: string,
    dto: LinkRoutineCaseDto,
    info: RequestInfo,
  ): Promise<RoutineDto> {
    const routineId = await this.existing(id);
    const loaded = await this.caseForLink(user, dto.caseId);
    const { state } = await this.routines.execute(
      routineId,
      {
        type: 'link-case',
        actor: user,
        data: {
          caseId: loaded.state.id,
          caseNumber: loaded.state.caseNumber,
          caseType: loaded.state.type,
          note: dto.note ?? '',
        },
      },
      { requestId: info.requestId },
    );
    return this.viewFor(user, state);
  }

  /** PR-8: a linked case shows the document is not fit for purpose; its owner gets a review task. */
  async requestReview(
    user: Principal,
    id: string,
    dto: RequestRoutineReviewDto,
    info: RequestInfo,
  ): Promise<RoutineDto> {
    const routineId = await this.existing(id);
    const loaded = await this.caseForLink(user, dto.caseId);
    const { state } = await this.routines.execute(
      routineId,
      {
        type: 'request-review',
        actor: user,
        data: { requestId: randomUUID(), caseId: loaded.state.id, reason: dto.reason },
      },
      { requestId: info.requestId },
    );
    return this.viewFor(user, state);
  }

  /** AUD-19: every adoption, revision and repeal decided within the dates, for the year's reports. */
  async changes(query: RoutineChangesQueryDto): Promise<RoutineChangesDto> {
    if (query.to < query.from)
      throw ApiProblem.validation([
        { field: 'to', code: 'TO_BEFORE_FROM', message: 'Slutdatumet kan inte ligga före startdatumet.' },
      ]);
    return { from: query.from, to: query.to, items: routineChangesBetween(await this.routines.all(), query) };
  }

  private async existing(id: string): Promise<string> {
    const routineId = requireUuid(id, 'Dokumentet');
    const { state } = await this.routines.load(routineId);
    if (!state) throw ApiProblem.notFound('Processen eller rutinen finns inte.');
    return routineId;
  }

  /** The case of a link: one the caller may not see is answered as one that does not exist. */
  private async caseForLink(user: Principal, caseId: string): Promise<LoadedCase> {
    const loaded = await loadCaseById(this.cases, caseId);
    if (!canReadCase(user, loaded.facts, ORGANISATION)) throw ApiProblem.notFound(CASE_NOT_FOUND);
    if (!canLinkCaseToRoutine(user, loaded.facts, ORGANISATION))
      throw ApiProblem.forbidden(
        'Bara ärendets utredare, enhetens chef och kvalitetsfunktionen får koppla ärendet till en rutin.',
      );
    return loaded;
  }

  /** The document with its linked cases as far as the caller may read them. */
  private async viewFor(user: Principal, state: RoutineState): Promise<RoutineDto> {
    const readable = new Set<string>();
    for (const { caseId } of caseLinksOf(state)) {
      const { state: caseState, events } = await this.cases.load(caseId);
      if (caseState && canReadCase(user, caseFactsOf(caseState, events), ORGANISATION)) readable.add(caseId);
    }
    return toRoutineDto(state, new Date(), (caseId) => readable.has(caseId));
  }

  /** The owner gets the revision tasks, the administrator keeps the text: both people of the unit's board. */
  private async peopleOf(
    user: Principal,
    people: { owner: string; administrator?: string | null | undefined },
    unitId: string,
  ): Promise<void> {
    await this.people.unitWorker(people.owner, unitId, user, 'owner');
    if (people.administrator)
      await this.people.unitWorker(people.administrator, unitId, user, 'administrator');
  }

  /** A command on an existing document: 404 if it does not exist, 403 unless the caller manages its unit. */
  async command(
    user: Principal,
    id: string,
    command: RoutineCommandBody,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<RoutineDto> {
    const routineId = requireUuid(id, 'Dokumentet');
    const { state } = await this.routines.load(routineId);
    if (!state) throw ApiProblem.notFound('Processen eller rutinen finns inte.');
    if (!canManageUnitRegister(user, state.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte ändra dokument för den enheten.');
    if (command.type === 'change-owner') await this.peopleOf(user, command.data, state.unitId);
    const result = await this.routines.execute(routineId, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return this.viewFor(user, result.state);
  }
}
