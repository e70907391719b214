import { Injectable } from '@nestjs/common';
import type { CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { CaseCommandService } from '@kvalitet/persistence';
import {
  canReadCase,
  canListCases,
  canRunCaseCommand,
  mayRunCaseCommands,
  type CaseCommandName,
  type CaseFacts,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';

export interface LoadedCase {
  state: CaseAggregateState;
  events: EventEnvelope[];
  facts: CaseFacts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function caseFactsOf(state: CaseAggregateState, events: readonly EventEnvelope[]): CaseFacts {
  const reported = events.find((e) => e.type === 'CaseReported');
  const reporter = reported?.data['reporter'];
  const username =
    typeof reporter === 'object' && reporter !== null
      ? (reporter as { username?: unknown }).username
      : undefined;
  return {
    unitId: state.unitId,
    type: state.type,
    reportedBy: typeof username === 'string' ? username : null,
    assignee: state.assignee,
  };
}

export const CASE_NOT_FOUND = 'Ärendet finns inte, eller så har du inte behörighet att se det.';

/**
 * A case by the id of a path (400 on a malformed id, 404 when there is no such case), before any
 * visibility rule: the callers apply their own.
 */
export async function loadCaseById(cases: CaseCommandService, caseId: string): Promise<LoadedCase> {
  if (!UUID.test(caseId)) {
    throw ApiProblem.validation([
      { field: 'id', code: 'INVALID_FORMAT', message: 'Ärendets id är inte giltigt.' },
    ]);
  }
  const { state, events } = await cases.load(caseId.toLowerCase());
  if (!state || events[0]?.aggregateType !== 'case') throw ApiProblem.notFound(CASE_NOT_FOUND);
  return { state, events, facts: caseFactsOf(state, events) };
}

/**
 * Loads a case for a caller and applies the access policy in api.md's order: role first (403 before
 * anything about the case), then the id's form (400), then visibility (404 — a case the caller may
 * not see is answered exactly like one that does not exist), then the command right (403).
 */
@Injectable()
export class CaseAccessService {
  constructor(private readonly cases: CaseCommandService) {}

  async loadForRead(principal: Principal, caseId: string): Promise<LoadedCase> {
    if (!canListCases(principal)) {
      throw ApiProblem.forbidden(
        'Din roll ger inte tillgång till enskilda ärenden, bara till sammanställningar.',
      );
    }
    return this.loadVisible(principal, caseId);
  }

  async loadForCommand(principal: Principal, caseId: string, command: CaseCommandName): Promise<LoadedCase> {
    if (!mayRunCaseCommands(principal)) throw ApiProblem.forbidden('Din roll får inte handlägga ärenden.');
    const loaded = await this.loadVisible(principal, caseId);
    if (!canRunCaseCommand(principal, command, loaded.facts, ORGANISATION)) {
      throw ApiProblem.forbidden('Du har inte behörighet att göra detta i ärendet.');
    }
    return loaded;
  }

  private async loadVisible(principal: Principal, caseId: string): Promise<LoadedCase> {
    const loaded = await loadCaseById(this.cases, caseId);
    if (!canReadCase(principal, loaded.facts, ORGANISATION)) throw ApiProblem.notFound(CASE_NOT_FOUND);
    return loaded;
  }
}
