import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EJ_VERKSTALLT_AGGREGATE } from '@kvalitet/domain';
import type {
  EjVerkstalltBeslutState,
  EjVerkstalltCommand,
  EjVerkstalltEvent,
  EjVerkstalltStatusData,
} from '@kvalitet/domain';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { requireUuid } from '../routines/register-support/require-uuid';
import { listRegister } from '../routines/register-support/register-list';
import type {
  EjVerkstalltBeslutDto,
  EjVerkstalltBeslutPageDto,
  RegisterEjVerkstalltBeslutDto,
} from './ej-verkstallda-beslut.dto';

function toDto(state: EjVerkstalltBeslutState): EjVerkstalltBeslutDto {
  return {
    id: state.id,
    unitId: state.unitId,
    lagrum: state.lagrum,
    insats: state.insats,
    decisionDate: state.decisionDate,
    reportedToIvoOn: state.reportedToIvoOn,
    verkstalltOn: state.verkstalltOn,
    reason: state.reason,
    version: state.version,
  };
}

/** The register of ej verkställda beslut (AUD-25, DL-21; ADR 0037). */
@Injectable()
export class EjVerkstalldaBeslutService {
  readonly beslut: LsCommandService<EjVerkstalltBeslutState, EjVerkstalltCommand, EjVerkstalltEvent>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.beslut = new LsCommandService(EJ_VERKSTALLT_AGGREGATE, store);
  }

  async register(
    user: Principal,
    dto: RegisterEjVerkstalltBeslutDto,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<EjVerkstalltBeslutDto> {
    // The id is free to choose: the Idempotency-Key's, so a retried create finds its own beslut.
    const beslutId = idempotentId ?? randomUUID();
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.beslut.execute(
          beslutId,
          {
            type: 'register',
            actor: user,
            data: {
              beslutId,
              unitId: dto.unitId,
              lagrum: dto.lagrum,
              insats: dto.insats,
              decisionDate: dto.decisionDate,
              reportedToIvoOn: dto.reportedToIvoOn ?? null,
              reason: dto.reason ?? null,
            },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: (taken) => this.beslut.load(taken),
    });
    return toDto(state);
  }

  async list(page = 1, pageSize = 50): Promise<EjVerkstalltBeslutPageDto> {
    const { items, total } = await listRegister<EjVerkstalltBeslutState>(this.dataSource, {
      aggregateType: EJ_VERKSTALLT_AGGREGATE.aggregateType,
      page,
      pageSize,
    });
    return { items: items.map(toDto), total, page, pageSize };
  }

  private async load(id: string): Promise<EjVerkstalltBeslutState> {
    const { state } = await this.beslut.load(requireUuid(id, 'Beslutet'));
    if (!state) throw ApiProblem.notFound('Beslutet finns inte i registret över ej verkställda beslut.');
    return state;
  }

  async get(id: string): Promise<EjVerkstalltBeslutDto> {
    return toDto(await this.load(id));
  }

  async recordStatus(
    user: Principal,
    id: string,
    data: EjVerkstalltStatusData,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<EjVerkstalltBeslutDto> {
    const state = await this.load(id);
    const result = await this.beslut.execute(
      state.id,
      { type: 'record-status', actor: user, data },
      { expectedVersion, requestId: info.requestId },
    );
    return toDto(result.state);
  }
}
