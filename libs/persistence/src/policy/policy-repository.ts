import {
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  type DecisionDelegation,
  type PolicyDeadlines,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { SettingRepository } from './setting-repository';

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
export class PolicyRepository extends SettingRepository<
  DeadlinePolicy,
  PolicyChange,
  DeadlinePolicyChangedData
> {
  constructor(store: EventStore, policyId: string = ORGANISATION_POLICY_ID) {
    super(store, policyId, DEADLINE_POLICY_CHANGED, 'policy');
  }

  /** The policy as it was at `version` (a deadline's `policyVersion`), or null if there is no such version. */
  async atVersion(version: number): Promise<DeadlinePolicy | null> {
    const changes = await this.changes();
    if (!Number.isInteger(version) || version < 1 || version > changes.length + 1) return null;
    return this.settingAfter(changes.slice(0, version - 1));
  }

  protected settingAfter(changes: readonly EventEnvelope[]): DeadlinePolicy {
    const last = changes[changes.length - 1]?.data as unknown as DeadlinePolicyChangedData | undefined;
    if (!last)
      return {
        version: DEFAULT_DEADLINE_POLICY.version,
        deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines },
        escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain],
      };
    return policyOf(last, changes.length + 1);
  }

  protected dataOf(change: PolicyChange, policyVersion: number): DeadlinePolicyChangedData {
    return { policyVersion, ...contentOf(change) };
  }

  protected override settingSaved(saved: DeadlinePolicyChangedData): Promise<DeadlinePolicy> {
    return Promise.resolve(policyOf(saved, saved.policyVersion));
  }
}

function policyOf(data: DeadlinePolicyChangedData, version: number): DeadlinePolicy {
  return { version, ...contentOf(data) };
}

/** What a change and a policy version hold: the deadlines, the chain, the delegation when there is one. */
function contentOf(source: PolicyChange): PolicyChange {
  return {
    deadlines: source.deadlines,
    escalationChain: [...source.escalationChain],
    ...(source.decisionDelegation === undefined ? {} : { decisionDelegation: source.decisionDelegation }),
  };
}
