import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  caseNumberPrefix,
  decideCase,
  formatCaseNumber,
  rebuildCase,
  stockholmLocalParts,
  type CaseActor,
  type CaseAggregateState,
  type CaseCommand,
  type CaseEvent,
  type ReportCaseData,
} from '@kvalitet/domain';
import type { EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import { allocateCaseSequence } from '../case-numbers/case-number-allocator';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { CaseRefusedError } from './case-refused.error';

export type CaseCommandInput = Exclude<CaseCommand, { type: 'report' }>;

export interface CaseCommandResult {
  state: CaseAggregateState;
  events: EventEnvelope[];
}

export interface CaseCommandContext {
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /** The caller's view of the case; a stale one is a VersionConflictError (409). */
  expectedVersion?: number;
}

const AUTOMATIC_RETRIES = 3;

function toDomainEvents(envelopes: readonly EventEnvelope[]): CaseEvent[] {
  return envelopes.map((e) => ({ type: e.type, data: e.data }) as unknown as CaseEvent);
}

/**
 * The application service every writer of cases goes through (API, Temporal activities): load the
 * stream, decide with the pure decider, append with optimistic concurrency. A report allocates its
 * gap-free case number in the same transaction as its events.
 */
export class CaseCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async report(data: Omit<ReportCaseData, 'caseId' | 'caseNumber'>, actor: CaseActor, context: CaseCommandContext = {}): Promise<CaseCommandResult> {
    const now = this.clock();
    return this.store.transaction(async (manager) => {
      const caseId = randomUUID();
      const reportedAt = data.reportedAt ? new Date(data.reportedAt) : now;
      const year = Number.isNaN(reportedAt.getTime()) ? stockholmLocalParts(now).year : stockholmLocalParts(reportedAt).year;
      const prefix = caseNumberPrefix(data.type);
      const sequence = await allocateCaseSequence(manager, prefix, year);
      const command: CaseCommand = { type: 'report', actor, data: { ...data, caseId, caseNumber: formatCaseNumber(prefix, year, sequence) } };
      const decision = decideCase(command, null, now);
      if (!decision.ok) throw new CaseRefusedError(decision.refusal);
      return this.appendDecided(manager, caseId, null, [], decision.events, actor, context);
    });
  }

  async execute(caseId: string, command: CaseCommandInput, context: CaseCommandContext = {}): Promise<CaseCommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.transaction(async (manager) => {
          const history = await this.store.load(caseId, manager);
          const state = rebuildCase(toDomainEvents(history));
          if (context.expectedVersion !== undefined && (state?.version ?? 0) !== context.expectedVersion) {
            throw new VersionConflictError(caseId, context.expectedVersion);
          }
          const decision = decideCase(command, state, this.clock());
          if (!decision.ok) throw new CaseRefusedError(decision.refusal);
          return this.appendDecided(manager, caseId, state, history, decision.events, command.actor, context);
        });
      } catch (error) {
        // Without an expectedVersion the caller asked "do this to the case as it is now": a
        // concurrent writer only means deciding again on the fresh state.
        const retry = error instanceof VersionConflictError && context.expectedVersion === undefined && attempt < AUTOMATIC_RETRIES;
        if (!retry) throw error;
      }
    }
  }

  async load(caseId: string): Promise<{ state: CaseAggregateState | null; events: EventEnvelope[] }> {
    const events = await this.store.load(caseId);
    return { state: rebuildCase(toDomainEvents(events)), events };
  }

  private async appendDecided(
    manager: EntityManager,
    caseId: string,
    state: CaseAggregateState | null,
    history: EventEnvelope[],
    decided: readonly CaseEvent[],
    actor: CaseActor,
    context: CaseCommandContext,
  ): Promise<CaseCommandResult> {
    const metadata: EventMetadata = {
      actor: actor.username,
      correlationId: context.correlationId ?? randomUUID(),
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(context.requestId ? { requestId: context.requestId } : {}),
    };
    const appended = await this.store.append(
      { aggregateType: 'case', aggregateId: caseId, expectedVersion: state?.version ?? 0, metadata, events: decided.map((e) => ({ type: e.type, data: e.data })) },
      manager,
    );
    const newState = rebuildCase(toDomainEvents([...history, ...appended]));
    if (!newState) throw new Error(`case ${caseId} has no state after append`);
    return { state: newState, events: appended };
  }
}
