import {
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  type DecisionDelegation,
  type PolicyDeadlines,
} from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { SettingsStream, type SettingChangeOptions } from './settings-stream';

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
  private readonly stream: SettingsStream;

  constructor(store: EventStore, policyId: string = ORGANISATION_POLICY_ID) {
    this.stream = new SettingsStream(store, policyId, DEADLINE_POLICY_CHANGED, 'policy');
  }

  async current(): Promise<DeadlinePolicy> {
    return policyAfter(await this.changes());
  }

  /** The policy as it was at `version` (a deadline's `policyVersion`), or null if there is no such version. */
  async atVersion(version: number): Promise<DeadlinePolicy | null> {
    const changes = await this.changes();
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
    options: SettingChangeOptions = {},
  ): Promise<DeadlinePolicy> {
    const next = await this.stream.save(actor, options, {
      read: async () => {
        const current = await this.current();
        return { current, streamVersion: current.version - 1 };
      },
      dataOfVersion: (policyVersion): DeadlinePolicyChangedData => ({
        policyVersion,
        deadlines: change.deadlines,
        escalationChain: [...change.escalationChain],
        ...(change.decisionDelegation === undefined ? {} : { decisionDelegation: change.decisionDelegation }),
      }),
    });
    return {
      version: next.policyVersion,
      deadlines: next.deadlines,
      escalationChain: next.escalationChain,
      ...(next.decisionDelegation === undefined ? {} : { decisionDelegation: next.decisionDelegation }),
    };
  }

  private async changes(): Promise<DeadlinePolicyChangedData[]> {
    const { changes } = await this.stream.load();
    return changes.map((e) => e.data as unknown as DeadlinePolicyChangedData);
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
