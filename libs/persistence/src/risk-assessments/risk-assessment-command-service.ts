import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  PROCESS_MANAGER,
  RISK_ASSESSMENT_REFERENCE_PREFIX,
  addedRiskActionIds,
  decideRiskAssessment,
  evolveRiskAssessment,
  rebuildRiskAssessment,
  riskActionTaskCommand,
  type RiskAssessmentState,
  type CaseActor,
  type CreateRiskAssessmentData,
  type ProposeRiskAssessmentData,
  type RiskAssessmentAggregateState,
  type RiskAssessmentCommand,
  type RiskAssessmentEvent,
} from '@kvalitet/domain';
import { riskAssessmentWorkflowId } from '@kvalitet/contracts';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  AggregateCommandService,
  acceptedEvents,
  toDomainEvents,
  type CommandContext,
  type CommandResult,
} from '../aggregates/aggregate-command-service';
import { allocateReference } from '../case-numbers/case-number-allocator';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { stepUuid } from '../cases/step-ids';
import type { RiskPolicyRepository } from './risk-policy-repository';

export const RISK_ASSESSMENT_AGGREGATE = 'risk_assessment';

export type RiskAssessmentCommandInput = Exclude<RiskAssessmentCommand, { type: 'create' | 'propose' }>;

export type RiskAssessmentCommandResult = CommandResult<RiskAssessmentAggregateState>;

export interface RiskAssessmentCommandContext extends CommandContext {
  /**
   * A new assessment's id chosen by the caller (an Idempotency-Key's claim, ADR 0009): a second
   * create with the same id fails with VersionConflictError instead of making a second assessment.
   */
  assessmentId?: string;
  /** The time the command is decided at; the process manager passes its (Temporal) clock. */
  at?: Date;
}

export function toRiskAssessmentEvents(envelopes: readonly EventEnvelope[]): RiskAssessmentEvent[] {
  return toDomainEvents<RiskAssessmentEvent>(envelopes);
}

/**
 * The application service every writer of risk assessments goes through (API, Temporal activities,
 * the deviation pattern rule): the aggregate command service, deciding under the current risk
 * policy. A new assessment gets its `RA-YYYY-NNNN` reference in the same transaction, from the case
 * number sequences.
 */
export class RiskAssessmentCommandService extends AggregateCommandService<
  RiskAssessmentAggregateState,
  RiskAssessmentEvent
> {
  constructor(
    store: EventStore,
    private readonly policy: Pick<RiskPolicyRepository, 'current'>,
    clock: () => Date = () => new Date(),
  ) {
    super({ aggregateType: RISK_ASSESSMENT_AGGREGATE, rebuild: rebuildRiskAssessment }, store, clock);
  }

  async create(
    data: Omit<CreateRiskAssessmentData, 'assessmentId' | 'reference'>,
    actor: CaseActor,
    context: RiskAssessmentCommandContext = {},
  ): Promise<RiskAssessmentCommandResult> {
    const now = this.clock();
    const policy = await this.policy.current();
    return this.store.transaction(async (manager) => {
      const assessmentId = context.assessmentId ?? randomUUID();
      const reference = await allocateReference(manager, RISK_ASSESSMENT_REFERENCE_PREFIX, now);
      const decision = decideRiskAssessment(
        { type: 'create', actor, data: { ...data, assessmentId, reference } },
        null,
        now,
        policy,
      );
      return this.append(manager, assessmentId, acceptedEvents(decision), actor.username, context);
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
      const reference = await allocateReference(m, RISK_ASSESSMENT_REFERENCE_PREFIX, now);
      const decision = decideRiskAssessment(
        { type: 'propose', actor, data: { ...data, reference } },
        null,
        now,
      );
      return this.append(m, data.assessmentId, acceptedEvents(decision), actor.username, context);
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
    const decide = (command: RiskAssessmentCommand, state: RiskAssessmentState, now: Date) =>
      decideRiskAssessment(command, state, context.at ?? now, policy);
    return this.handle(
      assessmentId,
      command.actor.username,
      (state, now) => decide(command, state, now),
      context,
      // An added action puts its owner's task in the inbox in the same transaction (ADR 0021).
      async ({ id, state, now }, decided) => {
        const events = [...decided(state)];
        let current = events.reduce<RiskAssessmentState>(evolveRiskAssessment, state);
        for (const actionId of addedRiskActionIds(events)) {
          const taskId = stepUuid(riskAssessmentWorkflowId(id), `task/action/${actionId}`);
          const create = current && riskActionTaskCommand(current, actionId, taskId, PROCESS_MANAGER);
          if (!create) continue;
          const implied = acceptedEvents(decide(create, current, now));
          current = implied.reduce<RiskAssessmentState>(evolveRiskAssessment, current);
          events.push(...implied);
        }
        return events;
      },
    );
  }
}
