import { Injectable } from '@nestjs/common';
import type { CaseActor } from '@kvalitet/domain';
import { CaseCommandService } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import { AccessLogService } from '../audit/access-log.service';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { CaseAccessService, type LoadedCase } from './case-access.service';
import type { CaseView } from './case-view';
import { CasesService } from './cases.service';
import type { EscalateDto, LinkDto } from './dto/case-command.dto';

function actorOf(principal: Principal): CaseActor {
  return { username: principal.username, roles: [...principal.roles] };
}

/**
 * The two case commands that write two cases (api.md v1.1 `link`, LC-2 escalation): the caller may
 * run the command on the case of the path (CaseAccessGuard) and must see the other one — a case
 * they may not see is 404, answered like one that does not exist.
 */
@Injectable()
export class CaseLinksService {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly access: CaseAccessService,
    private readonly accessLog: AccessLogService,
    private readonly cases: CasesService,
  ) {}

  async link(principal: Principal, loaded: LoadedCase, body: LinkDto, info: RequestInfo): Promise<CaseView> {
    if (body.caseId.toLowerCase() === loaded.state.id.toLowerCase())
      throw ApiProblem.validation([
        { field: 'caseId', code: 'SELF_LINK', message: 'Ett ärende kan inte länkas till sig självt.' },
      ]);
    const other = await this.access.loadForRead(principal, body.caseId);
    const result = await this.commands.link(
      loaded.state.id,
      other.state.id,
      body.relation,
      actorOf(principal),
      {
        requestId: info.requestId,
        ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
      },
    );
    for (const id of [loaded.state.id, other.state.id])
      await this.accessLog.record(principal, id, 'command:link', info.route, info.requestId);
    const history =
      result.events.length === 0 ? loaded.events : (await this.commands.load(loaded.state.id)).events;
    return this.cases.view(principal, result.state, history);
  }

  /** The new lex Sarah / lex Maria case, created once per Idempotency-Key (ADR 0009). */
  async escalate(
    principal: Principal,
    loaded: LoadedCase,
    body: EscalateDto,
    info: RequestInfo,
    newCaseId?: string,
  ): Promise<CaseView> {
    const { state, events } = await createOnce({
      idempotentId: newCaseId,
      load: (id) => this.commands.load(id),
      create: () =>
        this.commands.escalate(
          loaded.state.id,
          {
            toType: body.toType,
            rationale: body.rationale,
            reporter: { username: principal.username, name: principal.name },
          },
          actorOf(principal),
          {
            requestId: info.requestId,
            ...(newCaseId === undefined ? {} : { caseId: newCaseId }),
            ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
          },
        ),
    });
    await this.accessLog.record(principal, loaded.state.id, 'command:escalate', info.route, info.requestId);
    // Like the answer to a report: an identity number copied into the new case is masked for all.
    return this.cases.view(principal, state, events, { fullPersonRef: false });
  }
}
