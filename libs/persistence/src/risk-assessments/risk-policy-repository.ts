import {
  DEFAULT_RISK_POLICY,
  type DeviationPatternPolicy,
  type RiskBands,
  type RiskPolicy,
} from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { SettingsStream, type SettingChangeOptions } from '../policy/settings-stream';

/** The organisation's risk policy stream (aggregate type `policy`, beside the deadline policy). */
export const ORGANISATION_RISK_POLICY_ID = '00000000-0000-4000-8000-00000000a002';

export const RISK_POLICY_CHANGED = 'RiskPolicyChanged';

export interface RiskPolicyChangedData {
  policyVersion: number;
  bands: RiskBands;
  pattern: DeviationPatternPolicy;
}

/**
 * Versioned risk policy: the level bands (RA-3) and the deviation pattern rule. Like the deadline
 * policy, a change is an event carrying the whole document; with no event the policy is
 * `DEFAULT_RISK_POLICY`, version 1, and each change adds one version.
 */
export class RiskPolicyRepository {
  private readonly stream: SettingsStream;

  constructor(store: EventStore, policyId: string = ORGANISATION_RISK_POLICY_ID) {
    this.stream = new SettingsStream(store, policyId, RISK_POLICY_CHANGED, 'risk-policy');
  }

  async current(): Promise<RiskPolicy> {
    return (await this.read()).current;
  }

  /** The policy and the version of its stream, which it shares with the meeting calendar (same id). */
  private async read(): Promise<{ current: RiskPolicy; streamVersion: number }> {
    const { changes, streamVersion } = await this.stream.load();
    const last = changes[changes.length - 1]?.data as unknown as RiskPolicyChangedData | undefined;
    if (!last) return { current: DEFAULT_RISK_POLICY, streamVersion };
    return {
      current: { version: changes.length + 1, bands: last.bands, pattern: last.pattern },
      streamVersion,
    };
  }

  async change(
    change: { bands: RiskBands; pattern: DeviationPatternPolicy },
    actor: string,
    options: SettingChangeOptions = {},
  ): Promise<RiskPolicy> {
    const next = await this.stream.save(actor, options, {
      read: () => this.read(),
      dataOfVersion: (policyVersion): RiskPolicyChangedData => ({
        policyVersion,
        bands: change.bands,
        pattern: change.pattern,
      }),
    });
    return { version: next.policyVersion, bands: next.bands, pattern: next.pattern };
  }
}
