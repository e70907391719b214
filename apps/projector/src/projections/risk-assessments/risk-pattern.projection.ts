import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import {
  CASE_TYPE_LABELS,
  evaluateDeviationWindow,
  type CaseActor,
  type DeviationIndexEntry,
  type DeviationPatternFinding,
  type UnitParents,
} from '@kvalitet/domain';
import { EventStore, RiskAssessmentCommandService, RiskPolicyRepository } from '@kvalitet/persistence';
import type { Projection } from '../projection';
import {
  foldDeviationEntries,
  loadGroupWindow,
  loadIndexEntries,
  upsertIndexEntries,
} from './deviation-index-store';

export const RISK_PATTERN_PROJECTION = 'risk-pattern';

const DAY_MS = 86_400_000;
const SYSTEM: CaseActor = { username: 'system', roles: ['system'] };

/** A UUID (v5 layout) from a name: the same pattern on the same day is the same proposal. */
export function patternProposalId(name: string): string {
  const bytes = Buffer.from(
    createHash('sha1').update('kvalitet-risk-pattern\u0000').update(name, 'utf8').digest().subarray(0, 16),
  );
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function titleOf(finding: DeviationPatternFinding): string {
  const what = `${CASE_TYPE_LABELS[finding.caseType] ?? finding.caseType}${finding.category ? ` (${finding.category})` : ''}`;
  return finding.scope === 'unit'
    ? `Upprepade avvikelser: ${finding.count} × ${what} på samma enhet`
    : `Upprepade avvikelser: ${finding.count} × ${what} på ${finding.unitIds.length} enheter`;
}

export interface RiskPatternProjectionOptions {
  namespace?: string;
  /** The unit tree, for the unit above a cross-unit pattern. */
  unitParents?: UnitParents;
  /** Propose risk assessments from live events (off: only keep the index). Default on. */
  propose?: boolean;
  /** The moment the rule is evaluated at; default: when the newest event of the batch was stored. */
  clock?: (batch: readonly EventEnvelope[]) => number;
}

/**
 * The deviation pattern rule, run from events (RA-8): keeps the compact deviation index
 * (`rm_deviation_index`) from case events and, for every (type, category) group a batch touched,
 * evaluates the rule over the group's window. A pattern not proposed within the cooldown becomes a
 * `RiskAssessmentProposed` risk assessment with tasks for the unit manager (or the division manager
 * for a cross-unit pattern) and kvalitet. The proposal, its events' outbox rows, the proposal log and
 * the consumer's inbox row commit together, so a redelivery proposes nothing twice.
 */
export function createRiskPatternProjection(options: RiskPatternProjectionOptions = {}): Projection {
  const topicFor = (type: Parameters<typeof topicForAggregate>[0]) =>
    topicForAggregate(type, options.namespace);
  return {
    name: RISK_PATTERN_PROJECTION,
    topics: [topicFor('case')],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const caseEvents = events.filter(
        (e) => e.aggregateType === 'case' && (e.type === 'CaseReported' || e.type === 'CaseClassified'),
      );
      if (caseEvents.length === 0) return;
      const known = await loadIndexEntries(
        manager,
        [...new Set(caseEvents.map((e) => e.aggregateId))].sort(),
      );
      const changed = foldDeviationEntries(caseEvents, known);
      await upsertIndexEntries(manager, [...changed.values()]);
      if (options.propose === false) return;
      const now = options.clock?.(caseEvents) ?? Math.max(...caseEvents.map((e) => Date.parse(e.recordedAt)));
      await proposeFor([...changed.values()], now, manager);
    },
    reset: async (manager) => {
      await manager.query(`LOCK TABLE rm_deviation_index IN EXCLUSIVE MODE`);
      await manager.query(`DELETE FROM rm_deviation_index`);
    },
    writeRebuilt: async (manager, pages) => {
      const entries = new Map<string, DeviationIndexEntry>();
      for await (const page of pages) {
        for (const [id, entry] of foldDeviationEntries(page, entries)) entries.set(id, entry);
      }
      await upsertIndexEntries(manager, [...entries.values()]);
      return entries.size;
    },
  };

  async function proposeFor(
    changed: readonly DeviationIndexEntry[],
    now: number,
    manager: EntityManager,
  ): Promise<void> {
    const store = new EventStore(manager.connection, { topicFor });
    const policy = (await new RiskPolicyRepository(store).current()).pattern;
    const groups = new Map<string, DeviationIndexEntry>();
    for (const entry of changed) {
      if (!policy.caseTypes.includes(entry.caseType)) continue;
      groups.set(`${entry.caseType}|${entry.category ?? ''}`, entry);
    }
    if (groups.size === 0) return;
    const recent: { pattern_key: string; proposed_at: Date }[] = await manager.query(
      `SELECT pattern_key, max(proposed_at) AS proposed_at FROM risk_pattern_proposals WHERE proposed_at > $1 GROUP BY pattern_key`,
      [new Date(now - policy.cooldownDays * DAY_MS).toISOString()],
    );
    const lastProposedAt = new Map(recent.map((r) => [r.pattern_key, new Date(r.proposed_at).getTime()]));
    const service = new RiskAssessmentCommandService(
      store,
      new RiskPolicyRepository(store),
      () => new Date(now),
    );
    for (const sample of groups.values()) {
      const window = await loadGroupWindow(
        manager,
        sample.caseType,
        sample.category,
        now - policy.windowDays * DAY_MS,
        now,
      );
      const findings = evaluateDeviationWindow(window, policy, now, {
        lastProposedAt,
        ...(options.unitParents ? { parents: options.unitParents } : {}),
      });
      for (const finding of findings) {
        const assessmentId = patternProposalId(`${finding.key}@${new Date(now).toISOString().slice(0, 10)}`);
        const unitId = finding.proposedUnitId ?? finding.unitIds[0]!;
        const roles =
          finding.scope === 'unit'
            ? ['unit_manager', 'quality_coordinator']
            : ['division_manager', 'quality_coordinator'];
        const { key, scope, caseType, category, caseIds, unitIds, count, windowFrom, windowTo } = finding;
        const pattern = { key, scope, caseType, category, caseIds, unitIds, count, windowFrom, windowTo };
        const proposed = await service.propose(
          {
            assessmentId,
            title: titleOf(finding),
            unitId,
            pattern,
            tasks: roles.map((role) => ({
              taskId: patternProposalId(`${assessmentId}/${role}`),
              assigneeRole: role,
              unitId,
            })),
          },
          SYSTEM,
          { correlationId: `risk-pattern-${assessmentId}` },
          manager,
        );
        if (!proposed) continue;
        await manager.query(
          `INSERT INTO risk_pattern_proposals (pattern_key, proposed_at, assessment_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [finding.key, new Date(now).toISOString(), assessmentId],
        );
        lastProposedAt.set(finding.key, now);
      }
    }
  }
}
