import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  RISK_ASSESSMENT_REFERENCE_PREFIX,
  decideRiskAssessment,
  formatCaseNumber,
  rebuildRiskAssessment,
  stockholmLocalParts,
  type CaseActor,
  type CreateRiskAssessmentData,
  type ProposeRiskAssessmentData,
  type RiskAssessmentAggregateState,
  type RiskAssessmentCommand,
  type RiskAssessmentEvent,
} from '@kvalitet/domain';
import type { EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import { allocateCaseSequence } from '../case-numbers/case-number-allocator';
import { CaseRefusedError } from '../cases/case-refused.error';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import type { RiskPolicyRepository } from './risk-policy-repository';

export const RISK_ASSESSMENT_AGGREGATE = 'risk_assessment';

export type RiskAssessmentCommandInput = Exclude<RiskAssessmentCommand, { type: 'create' | 'propose' }>;

export interface RiskAssessmentCommandResult {
  state: RiskAssessmentAggregateState;
  events: EventEnvelope[];
}

export interface RiskAssessmentCommandContext {
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /**
   * A new assessment's id chosen by the caller (an Idempotency-Key's claim, ADR 0009): a second
   * create with the same id fails with VersionConflictError instead of making a second assessment.
   */
  assessmentId?: string;
  expectedVersion?: number;
  /** The time the command is decided at; the process manager passes its (Temporal) clock. */
  at?: Date;
}

const AUTOMATIC_RETRIES = 3;

export function toRiskAssessmentEvents(envelopes: readonly EventEnvelope[]): RiskAssessmentEvent[] {
  return envelopes.map((e) => ({ type: e.type, data: e.data }) as unknown as RiskAssessmentEvent);
}

/**
 * The application service every writer of risk assessments goes through (API, Temporal activities,
 * the deviation pattern rule): load, decide with the pure decider under the current risk policy,
 * append with optimistic concurrency (events + outbox in one statement). A new assessment gets its
 * `RA-YYYY-NNNN` reference in the same transaction, from the case number sequences.
 */
export class RiskAssessmentCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly policy: Pick<RiskPolicyRepository, 'current'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    data: Omit<CreateRiskAssessmentData, 'assessmentId' | 'reference'>,
    actor: CaseActor,
    context: RiskAssessmentCommandContext = {},
  ): Promise<RiskAssessmentCommandResult> {
    const now = this.clock();
    const policy = await this.policy.current();
    return this.store.transaction(async (manager) => {
      const assessmentId = context.assessmentId ?? randomUUID();
      const reference = await this.allocateReference(manager, now);
      const decision = decideRiskAssessment(
        { type: 'create', actor, data: { ...data, assessmentId, reference } },
        null,
        now,
        policy,
      );
      if (!decision.ok) throw new CaseRefusedError(decision.refusal);
      return this.append(manager, assessmentId, null, [], decision.events, actor, context);
    });
  }

  /**
   * A proposal from the deviation pattern rule, with an id the caller derives from the pattern, so
   * that a redelivered event proposes nothing twice: returns null when that proposal exists.
   */
  async propose(
    data: Omit<ProposeRiskAssessmentData, 'reference'>,
    actor: CaseActor,
    context: RiskAssessmentCommandContext = {},
    manager?: EntityManager,
  ): Promise<RiskAssessmentCommandResult | null> {
    const run = async (m: EntityManager) => {
      const existing = await this.store.load(data.assessmentId, m);
      if (existing.length > 0) return null;
      const now = this.clock();
      const reference = await this.allocateReference(m, now);
      const decision = decideRiskAssessment(
        { type: 'propose', actor, data: { ...data, reference } },
        null,
        now,
      );
      if (!decision.ok) throw new CaseRefusedError(decision.refusal);
      return this.append(m, data.assessmentId, null, [], decision.events, actor, context);
    };
    try {
      return manager ? await run(manager) : await this.store.transaction(run);
    } catch (error) {
      if (error instanceof VersionConflictError) return null;
      throw error;
    }
  }

  async execute(
    assessmentId: string,
    command: RiskAssessmentCommandInput,
    context: RiskAssessmentCommandContext = {},
  ): Promise<RiskAssessmentCommandResult> {
    const policy = await this.policy.current();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.transaction(async (manager) => {
          const history = await this.store.load(assessmentId, manager);
          const state = this.rebuild(history);
          if (context.expectedVersion !== undefined && (state?.version ?? 0) !== context.expectedVersion) {
            throw new VersionConflictError(assessmentId, context.expectedVersion);
          }
          const decision = decideRiskAssessment(command, state, context.at ?? this.clock(), policy);
          if (!decision.ok) throw new CaseRefusedError(decision.refusal);
          return this.append(manager, assessmentId, state, history, decision.events, command.actor, context);
        });
      } catch (error) {
        const retry =
          error instanceof VersionConflictError &&
          context.expectedVersion === undefined &&
          attempt < AUTOMATIC_RETRIES;
        if (!retry) throw error;
      }
    }
  }

  async load(
    assessmentId: string,
  ): Promise<{ state: RiskAssessmentAggregateState | null; events: EventEnvelope[] }> {
    const events = await this.store.load(assessmentId);
    return { state: this.rebuild(events), events };
  }

  /** Only events of a risk assessment make one (an id of another aggregate is "not found"). */
  rebuild(envelopes: readonly EventEnvelope[]): RiskAssessmentAggregateState | null {
    if (envelopes.length === 0 || envelopes[0]!.aggregateType !== RISK_ASSESSMENT_AGGREGATE) return null;
    return rebuildRiskAssessment(toRiskAssessmentEvents(envelopes));
  }

  private async allocateReference(manager: EntityManager, now: Date): Promise<string> {
    const year = stockholmLocalParts(now).year;
    const sequence = await allocateCaseSequence(manager, RISK_ASSESSMENT_REFERENCE_PREFIX, year);
    return formatCaseNumber(RISK_ASSESSMENT_REFERENCE_PREFIX, year, sequence);
  }

  private async append(
    manager: EntityManager,
    assessmentId: string,
    state: RiskAssessmentAggregateState | null,
    history: EventEnvelope[],
    decided: readonly RiskAssessmentEvent[],
    actor: CaseActor,
    context: RiskAssessmentCommandContext,
  ): Promise<RiskAssessmentCommandResult> {
    const metadata: EventMetadata = {
      actor: actor.username,
      correlationId: context.correlationId ?? randomUUID(),
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(context.requestId ? { requestId: context.requestId } : {}),
    };
    const appended = await this.store.append(
      {
        aggregateType: RISK_ASSESSMENT_AGGREGATE,
        aggregateId: assessmentId,
        expectedVersion: state?.version ?? 0,
        metadata,
        events: decided.map((e) => ({ type: e.type, data: e.data })),
      },
      manager,
    );
    const next = this.rebuild([...history, ...appended]);
    if (!next) throw new Error(`risk assessment ${assessmentId} has no state after append`);
    return { state: next, events: appended };
  }
}
