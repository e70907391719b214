import {
  DEFAULT_RISK_POLICY,
  type DeviationPatternPolicy,
  type RiskBands,
  type RiskPolicy,
} from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { retryOnVersionConflict } from '../aggregates/aggregate-command-service';

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
  constructor(
    private readonly store: EventStore,
    private readonly policyId: string = ORGANISATION_RISK_POLICY_ID,
  ) {}

  async current(): Promise<RiskPolicy> {
    return (await this.read()).policy;
  }

  /** The policy and the version of its stream, which it shares with the meeting calendar (same id). */
  private async read(): Promise<{ policy: RiskPolicy; streamVersion: number }> {
    const stream = await this.store.load(this.policyId);
    const streamVersion = stream.length === 0 ? 0 : stream[stream.length - 1]!.version;
    const changes = stream
      .filter((e) => e.type === RISK_POLICY_CHANGED)
      .map((e) => e.data as unknown as RiskPolicyChangedData);
    const last = changes[changes.length - 1];
    if (!last) return { policy: DEFAULT_RISK_POLICY, streamVersion };
    return {
      policy: { version: changes.length + 1, bands: last.bands, pattern: last.pattern },
      streamVersion,
    };
  }

  async change(
    change: { bands: RiskBands; pattern: DeviationPatternPolicy },
    actor: string,
    options: { expectedVersion?: number; requestId?: string } = {},
  ): Promise<RiskPolicy> {
    return retryOnVersionConflict(
      async () => {
        const { policy: current, streamVersion } = await this.read();
        if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
          throw new VersionConflictError(this.policyId, options.expectedVersion);
        }
        const next: RiskPolicyChangedData = {
          policyVersion: current.version + 1,
          bands: change.bands,
          pattern: change.pattern,
        };
        await this.store.append({
          aggregateType: 'policy',
          aggregateId: this.policyId,
          expectedVersion: streamVersion,
          metadata: {
            actor,
            correlationId: options.requestId ?? `risk-policy-${next.policyVersion}`,
            ...(options.requestId ? { requestId: options.requestId } : {}),
          },
          events: [{ type: RISK_POLICY_CHANGED, data: next }],
        });
        return { version: next.policyVersion, bands: next.bands, pattern: next.pattern };
      },
      { expectedVersion: options.expectedVersion },
    );
  }
}
