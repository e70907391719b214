import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  ARSHJUL_AGGREGATE,
  arshjulBoardUnit,
  arshjulCompletion,
  isArshjulItemOverdue,
  proposeArshjul,
  stockholmDateOf,
} from '@kvalitet/domain';
import type { ArshjulCommand, ArshjulEvent, ArshjulItem, ArshjulState } from '@kvalitet/domain';
import { EventStore, LsCommandService, VersionConflictError, arshjulPlanId } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import { canMarkArshjulItemDone, canPlanArshjul } from './arshjul-access';
import type {
  AddArshjulItemDto,
  ArshjulCompletionDto,
  ArshjulDto,
  ArshjulItemDto,
  ArshjulYearsDto,
} from './arshjul.dto';
import { PersonChecks } from '../users/person-checks';

type ItemCommand = Exclude<ArshjulCommand, { type: 'create-plan' | 'advance-duties' | 'add-item' }>;

function itemDto(item: ArshjulItem, today: string, user: Principal): ArshjulItemDto {
  return {
    ...item,
    overdue: isArshjulItemOverdue(item, today),
    mayMarkDone: item.status === 'planned' && canMarkArshjulItemDone(user, item),
  };
}

/** The board's årshjul per year (DL-31): the plan, its items as duties, and how much is done (AUD-13). */
@Injectable()
export class ArshjulService {
  readonly plans: LsCommandService<ArshjulState, ArshjulCommand, ArshjulEvent>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {
    this.plans = new LsCommandService(ARSHJUL_AGGREGATE, store);
  }

  /** The board asked for, which must be one the caller serves; without one the board of the caller's own unit. */
  boardOf(user: Principal, board: string | undefined): string {
    const boards = ORGANISATION.boardsOf(user);
    if (board === undefined) {
      const own = user.unitIds
        .map((u) => ORGANISATION.boardOf(u))
        .find((b) => b !== null && boards.includes(b));
      const chosen = own ?? boards[0];
      if (!chosen) throw ApiProblem.forbidden('Du arbetar inte för någon nämnd.');
      return chosen;
    }
    if (!boards.includes(board))
      throw ApiProblem.notFound('Nämnden finns inte, eller så arbetar du inte för den.');
    return board;
  }

  async years(user: Principal, board: string | undefined): Promise<ArshjulYearsDto> {
    const boardId = this.boardOf(user, board);
    const rows: { state: ArshjulState }[] = await this.dataSource.query(
      `SELECT state FROM rm_ledningssystem WHERE aggregate_type = $1 AND state->>'boardId' = $2`,
      [ARSHJUL_AGGREGATE.aggregateType, boardId],
    );
    const today = stockholmDateOf(new Date());
    return {
      boardId,
      boards: ORGANISATION.boardsOf(user).map((id) => ({ id, name: ORGANISATION.board(id)?.name ?? id })),
      mayPlan: canPlanArshjul(user),
      years: rows
        .map((r) => {
          const completion = arshjulCompletion(r.state, today);
          return {
            year: r.state.year,
            id: r.state.id,
            total: completion.total,
            done: completion.done,
            overdue: completion.overdue.length,
          };
        })
        .sort((a, b) => a.year - b.year),
    };
  }

  async create(
    user: Principal,
    year: number,
    board: string | undefined,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<ArshjulDto> {
    const boardId = this.boardOf(user, board);
    if (!canPlanArshjul(user)) throw ApiProblem.forbidden('Du får inte skapa årshjul.');
    const planId = arshjulPlanId(boardId, year);
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.plans.execute(
          planId,
          {
            type: 'create-plan',
            actor: user,
            data: {
              planId,
              boardId,
              unitId: arshjulBoardUnit(ORGANISATION, boardId),
              year,
              items: proposeArshjul(year),
            },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: () => this.plans.load(planId),
    }).catch((error: unknown) => {
      if (error instanceof VersionConflictError)
        throw new ApiProblem('ALREADY_EXISTS', `Årshjulet för ${year} finns redan.`);
      throw error;
    });
    return this.view(state, user);
  }

  private async load(user: Principal, year: number, board: string | undefined): Promise<ArshjulState> {
    const boardId = this.boardOf(user, board);
    const { state } = await this.plans.load(arshjulPlanId(boardId, year));
    if (!state) throw ApiProblem.notFound(`Det finns inget årshjul för ${year}.`);
    return state;
  }

  async get(user: Principal, year: number, board: string | undefined): Promise<ArshjulDto> {
    return this.view(await this.load(user, year, board), user);
  }

  async completion(user: Principal, year: number, board: string | undefined): Promise<ArshjulCompletionDto> {
    return (await this.get(user, year, board)).completion;
  }

  async add(
    user: Principal,
    year: number,
    board: string | undefined,
    dto: AddArshjulItemDto,
    info: RequestInfo,
  ): Promise<ArshjulDto> {
    const state = await this.load(user, year, board);
    if (dto.owner) await this.people.boardWorker(dto.owner, state.boardId, user, 'owner');
    const result = await this.plans.execute(
      state.id,
      {
        type: 'add-item',
        actor: user,
        data: {
          itemId: randomUUID(),
          kind: dto.kind,
          title: dto.title,
          ownerRole: dto.owner ? null : (dto.ownerRole ?? null),
          owner: dto.owner ?? null,
          dueOn: dto.dueOn,
          note: dto.note ?? '',
        },
      },
      { expectedVersion: dto.expectedVersion, requestId: info.requestId },
    );
    return this.view(result.state, user);
  }

  async command(
    user: Principal,
    year: number,
    board: string | undefined,
    command: ItemCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<ArshjulDto> {
    const state = await this.load(user, year, board);
    const item = state.items.find((i) => i.id === command.data.itemId);
    if (!item) throw ApiProblem.notFound('Uppgiften finns inte i årshjulet.');
    const allowed = command.type === 'mark-done' ? canMarkArshjulItemDone(user, item) : canPlanArshjul(user);
    if (!allowed)
      throw ApiProblem.forbidden(
        command.type === 'mark-done'
          ? 'Du får bara markera dina egna uppgifter i årshjulet som klara.'
          : 'Du får inte ändra årshjulet.',
      );
    const result = await this.plans.execute(state.id, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return this.view(result.state, user);
  }

  private view(state: ArshjulState, user: Principal): ArshjulDto {
    const today = stockholmDateOf(new Date());
    const completion = arshjulCompletion(state, today);
    return {
      id: state.id,
      boardId: state.boardId,
      year: state.year,
      items: state.items.map((i) => itemDto(i, today, user)),
      completion: { ...completion, overdue: completion.overdue.map((i) => itemDto(i, today, user)) },
      mayPlan: canPlanArshjul(user),
      tasks: state.tasks.map(toLsTaskDto),
      version: state.version,
    };
  }
}
