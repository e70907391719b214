import {
  DEFAULT_RISK_POLICY,
  type DeviationPatternPolicy,
  type RiskBands,
  type RiskPolicy,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { SettingRepository } from '../policy/setting-repository';

/** The organisation's risk policy stream (aggregate type `policy`, beside the deadline policy). */
export const ORGANISATION_RISK_POLICY_ID = '00000000-0000-4000-8000-00000000a002';

export const RISK_POLICY_CHANGED = 'RiskPolicyChanged';

export interface RiskPolicyChange {
  bands: RiskBands;
  pattern: DeviationPatternPolicy;
}

export interface RiskPolicyChangedData extends RiskPolicyChange {
  policyVersion: number;
}

/**
 * Versioned risk policy: the level bands (RA-3) and the deviation pattern rule. Like the deadline
 * policy, a change is an event carrying the whole document; with no event the policy is
 * `DEFAULT_RISK_POLICY`, version 1, and each change adds one version.
 */
export class RiskPolicyRepository extends SettingRepository<
  RiskPolicy,
  RiskPolicyChange,
  RiskPolicyChangedData
> {
  constructor(store: EventStore, policyId: string = ORGANISATION_RISK_POLICY_ID) {
    super(store, policyId, RISK_POLICY_CHANGED, 'risk-policy');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): RiskPolicy {
    const last = changes[changes.length - 1]?.data as unknown as RiskPolicyChangedData | undefined;
    if (!last) return DEFAULT_RISK_POLICY;
    return { version: changes.length + 1, bands: last.bands, pattern: last.pattern };
  }

  protected dataOf(change: RiskPolicyChange, policyVersion: number): RiskPolicyChangedData {
    return { policyVersion, bands: change.bands, pattern: change.pattern };
  }

  protected override settingSaved(saved: RiskPolicyChangedData): Promise<RiskPolicy> {
    return Promise.resolve({ version: saved.policyVersion, bands: saved.bands, pattern: saved.pattern });
  }
}
