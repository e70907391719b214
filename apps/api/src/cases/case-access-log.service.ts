import { Injectable } from '@nestjs/common';
import { CaseCommandService } from '@kvalitet/persistence';
import { boardUnitsOf, canReadCase } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { canReadCaseAccessLog, mayReadCaseAccessLogs } from '../access/protected-identity-policy';
import { AccessLogService } from '../audit/access-log.service';
import type { CaseAccessLogPageDto } from '../audit/audit.dto';
import { ApiProblem } from '../common/problem/api-problem';
import { findDemoUser } from '../org/demo-users';
import { ORGANISATION } from '../org/organisation.instance';
import { CASE_NOT_FOUND, loadCaseById } from './case-access.service';

/**
 * The access log of one case (DATA-5, EK-6, ADR 0029): who read it, when, how (read, command) and
 * why, where a reason was asked. For kvalitet and dataskydd on any case of their boards — log review
 * is their control, and a log names readers, not the case's content — and for sas/mas on the types
 * they handle.
 */
@Injectable()
export class CaseAccessLogService {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly log: AccessLogService,
  ) {}

  async list(
    principal: Principal,
    caseId: string,
    page: number,
    pageSize: number,
  ): Promise<CaseAccessLogPageDto> {
    if (!mayReadCaseAccessLogs(principal))
      throw ApiProblem.forbidden('Din roll ger inte tillgång till ärendens åtkomstlogg.');
    const { state, facts } = await loadCaseById(this.cases, caseId);
    // Another board's case stays unknown, as its reads would (DATA-3, ADR 0030).
    const inOwnBoards = boardUnitsOf(principal, ORGANISATION).includes(facts.unitId);
    if (!inOwnBoards && !canReadCase(principal, facts, ORGANISATION))
      throw ApiProblem.notFound(CASE_NOT_FOUND);
    if (!canReadCaseAccessLog(principal, facts)) {
      if (!canReadCase(principal, facts, ORGANISATION)) throw ApiProblem.notFound(CASE_NOT_FOUND);
      throw ApiProblem.forbidden('Du får inte läsa åtkomstloggen för den här ärendetypen.');
    }
    const { items, total } = await this.log.list({ caseId: state.id, kind: 'read' }, page, pageSize);
    return {
      items: items.map((item) => ({ ...item, name: findDemoUser(item.username)?.name ?? null })),
      total,
      page,
      pageSize,
    };
  }
}
