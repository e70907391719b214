import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { TRAINING_AGGREGATE, stockholmDateOf } from '@kvalitet/domain';
import type { TrainingCommand, TrainingEvent, TrainingRecordState } from '@kvalitet/domain';
import { EventStore, LsCommandService, VersionConflictError } from '@kvalitet/persistence';
import {
  BOARD_WIDE_READERS,
  boardUnitsOf,
  canManageUnitRegister,
  canReadTraining,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { nameUuid } from '../routines/register-support/name-uuid';
import { requireUuid } from '../routines/register-support/require-uuid';
import { listRegister } from '../routines/register-support/register-list';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import type {
  RegisterEmployeeDto,
  TrainingListQueryDto,
  TrainingRecordDto,
  TrainingRecordPageDto,
} from './training.dto';

type RecordCommand = Exclude<TrainingCommand, { type: 'register-employee' | 'advance-duties' }>;

function toTrainingRecordDto(state: TrainingRecordState, now: Date): TrainingRecordDto {
  return {
    id: state.id,
    username: state.username,
    name: ORGANISATION.findUser(state.username)?.name ?? null,
    unitId: state.unitId,
    hiredOn: state.hiredOn,
    informations: state.informations.map((i) => ({ ...i })),
    nextDue: state.nextDue,
    overdue: state.nextDue !== null && state.nextDue <= stockholmDateOf(now),
    status: state.status,
    leftOn: state.leftOn,
    tasks: state.tasks.map(toLsTaskDto),
    version: state.version,
  };
}

const notFound = () =>
  ApiProblem.notFound('Personen finns inte i registret, eller så har du inte behörighet att se den.');

/** Who has been told about the lex Sarah duty, at hire and yearly (DL-29, IMP-9, AUD-16). One record per person. */
@Injectable()
export class TrainingService {
  readonly records: LsCommandService<TrainingRecordState, TrainingCommand, TrainingEvent>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.records = new LsCommandService(TRAINING_AGGREGATE, store);
  }

  async register(
    user: Principal,
    dto: RegisterEmployeeDto,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<TrainingRecordDto> {
    if (!canManageUnitRegister(user, dto.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte registrera personal på den enheten.');
    const recordId = nameUuid(`training/${dto.username.toLowerCase()}`);
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.records.execute(
          recordId,
          {
            type: 'register-employee',
            actor: user,
            data: { recordId, username: dto.username, unitId: dto.unitId, hiredOn: dto.hiredOn },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: () => this.records.load(recordId),
    }).catch((error: unknown) => {
      if (error instanceof VersionConflictError)
        throw new ApiProblem('ALREADY_EXISTS', 'Personen finns redan i registret.');
      throw error;
    });
    return toTrainingRecordDto(state, new Date());
  }

  async list(user: Principal, query: TrainingListQueryDto): Promise<TrainingRecordPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const boardWide = user.roles.some(
      (r) => BOARD_WIDE_READERS.includes(r) && (r === 'quality_coordinator' || r === 'director'),
    );
    const requested = query.unitId ? ORGANISATION.scopeOf([query.unitId]) : null;
    const boardUnits = boardUnitsOf(user, ORGANISATION);
    const visible = boardWide
      ? (requested ?? boardUnits).filter((u) => boardUnits.includes(u))
      : (requested ?? ORGANISATION.scopeOf(user.unitIds)).filter((u) =>
          ORGANISATION.isWithin(u, user.unitIds),
        );
    const today = stockholmDateOf(new Date());
    const { items, total } = await listRegister<TrainingRecordState>(this.dataSource, {
      aggregateType: TRAINING_AGGREGATE.aggregateType,
      unitIds: visible,
      ...(query.status ? { status: query.status } : {}),
      extra:
        query.overdue === undefined
          ? []
          : [
              {
                sql: `(state->>'nextDue' IS NOT NULL AND state->>'nextDue' <= $1) = $2`,
                params: [today, query.overdue],
              },
            ],
      page,
      pageSize,
    });
    const now = new Date();
    return { items: items.map((s) => toTrainingRecordDto(s, now)), total, page, pageSize };
  }

  private async loadVisible(user: Principal, id: string): Promise<TrainingRecordState> {
    const { state } = await this.records.load(requireUuid(id, 'Posten'));
    if (!state || !canReadTraining(user, state.unitId, ORGANISATION)) throw notFound();
    return state;
  }

  async get(user: Principal, id: string): Promise<TrainingRecordDto> {
    return toTrainingRecordDto(await this.loadVisible(user, id), new Date());
  }

  async command(
    user: Principal,
    id: string,
    command: RecordCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<TrainingRecordDto> {
    const state = await this.loadVisible(user, id);
    if (command.type === 'move-unit' && !canManageUnitRegister(user, command.data.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte flytta personal till den enheten.');
    const result = await this.records.execute(state.id, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return toTrainingRecordDto(result.state, new Date());
  }
}
