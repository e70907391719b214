import { DEFAULT_RETENTION_RULES, type RetentionRule } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { changeStampOf, SettingRepository } from './setting-repository';

/** The retention rules (DATA-2, ADR 0027): a stream of its own under the `policy` aggregate type. */
export const RETENTION_RULES_ID = '00000000-0000-4000-8000-0000000de1e7';

export const RETENTION_RULES_CHANGED = 'RetentionRulesChanged';

export interface RetentionRulesChangedData {
  /** The version this change creates. */
  rulesVersion: number;
  rules: RetentionRule[];
}

export interface SavedRetentionRules {
  /** 1 = the demo rules (nothing saved yet); each save adds one. */
  readonly version: number;
  readonly rules: readonly RetentionRule[];
  readonly changedAt?: string;
  readonly changedBy?: string;
}

/** Versioned like the delegation register: every save is an event carrying all the rules. */
export class RetentionRulesRepository extends SettingRepository<
  SavedRetentionRules,
  readonly RetentionRule[],
  RetentionRulesChangedData
> {
  constructor(store: EventStore, rulesId: string = RETENTION_RULES_ID) {
    super(store, rulesId, RETENTION_RULES_CHANGED, 'retention');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): SavedRetentionRules {
    const last = changes[changes.length - 1];
    if (!last) return { version: 1, rules: DEFAULT_RETENTION_RULES };
    const data = last.data as unknown as RetentionRulesChangedData;
    return { version: changes.length + 1, rules: data.rules, ...changeStampOf(last) };
  }

  protected dataOf(rules: readonly RetentionRule[], rulesVersion: number): RetentionRulesChangedData {
    return { rulesVersion, rules: rules.map((rule) => ({ ...rule })) };
  }
}
