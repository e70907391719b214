import {
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  type DecisionDelegation,
  type PolicyDeadlines,
} from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { retryOnVersionConflict } from '../aggregates/aggregate-command-service';

/** The organisation's policy stream: one aggregate of type `policy` per organisation. */
export const ORGANISATION_POLICY_ID = '00000000-0000-4000-8000-00000000a001';

export const DEADLINE_POLICY_CHANGED = 'DeadlinePolicyChanged';

export interface DeadlinePolicyChangedData {
  /** The policy version this change creates (= 1 + the aggregate version of the event). */
  policyVersion: number;
  deadlines: PolicyDeadlines;
  escalationChain: string[];
  /** The delegationsordning (who decides lex Sarah / lex Maria); absent means the defaults. */
  decisionDelegation?: DecisionDelegation;
}

export interface PolicyChange {
  deadlines: PolicyDeadlines;
  escalationChain: string[];
  decisionDelegation?: DecisionDelegation;
}

/**
 * Versioned deadline policy (DL-0), stored as `DeadlinePolicyChanged` events carrying the whole
 * document, so a change is itself an event with actor and time.
 *
 * Versions: with no event the policy is `DEFAULT_DEADLINE_POLICY`, version 1. Each change adds one
 * event and one version: policy version = aggregate version + 1. Readers (the api, Temporal
 * activities starting a deadline) take `current()` and stamp its `version` on the deadline.
 */
export class PolicyRepository {
  constructor(
    private readonly store: EventStore,
    private readonly policyId: string = ORGANISATION_POLICY_ID,
  ) {}

  async current(): Promise<DeadlinePolicy> {
    const events = await this.store.load(this.policyId);
    return policyAfter(
      events
        .filter((e) => e.type === DEADLINE_POLICY_CHANGED)
        .map((e) => e.data as unknown as DeadlinePolicyChangedData),
    );
  }

  /** The policy as it was at `version` (a deadline's `policyVersion`), or null if there is no such version. */
  async atVersion(version: number): Promise<DeadlinePolicy | null> {
    const changes = (await this.store.load(this.policyId))
      .filter((e) => e.type === DEADLINE_POLICY_CHANGED)
      .map((e) => e.data as unknown as DeadlinePolicyChangedData);
    if (!Number.isInteger(version) || version < 1 || version > changes.length + 1) return null;
    return policyAfter(changes.slice(0, version - 1));
  }

  /**
   * Appends a change. With `expectedVersion` the caller's view must be current (else
   * VersionConflictError); without it the change applies to whatever is current, retrying a
   * concurrent writer's race.
   */
  async change(
    change: PolicyChange,
    actor: string,
    options: { expectedVersion?: number; requestId?: string } = {},
  ): Promise<DeadlinePolicy> {
    return retryOnVersionConflict(
      async () => {
        const current = await this.current();
        if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
          throw new VersionConflictError(this.policyId, options.expectedVersion);
        }
        const next: DeadlinePolicyChangedData = {
          policyVersion: current.version + 1,
          deadlines: change.deadlines,
          escalationChain: [...change.escalationChain],
          ...(change.decisionDelegation === undefined
            ? {}
            : { decisionDelegation: change.decisionDelegation }),
        };
        await this.store.append({
          aggregateType: 'policy',
          aggregateId: this.policyId,
          expectedVersion: current.version - 1,
          metadata: {
            actor,
            correlationId: options.requestId ?? `policy-${next.policyVersion}`,
            ...(options.requestId ? { requestId: options.requestId } : {}),
          },
          events: [{ type: DEADLINE_POLICY_CHANGED, data: next }],
        });
        return {
          version: next.policyVersion,
          deadlines: next.deadlines,
          escalationChain: next.escalationChain,
          ...(next.decisionDelegation === undefined ? {} : { decisionDelegation: next.decisionDelegation }),
        };
      },
      { expectedVersion: options.expectedVersion },
    );
  }
}

function policyAfter(changes: readonly DeadlinePolicyChangedData[]): DeadlinePolicy {
  const last = changes[changes.length - 1];
  if (!last)
    return {
      version: DEFAULT_DEADLINE_POLICY.version,
      deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines },
      escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain],
    };
  return {
    version: changes.length + 1,
    deadlines: last.deadlines,
    escalationChain: [...last.escalationChain],
    ...(last.decisionDelegation === undefined ? {} : { decisionDelegation: last.decisionDelegation }),
  };
}
