import {
  CASE_TYPES,
  decideCase,
  rebuildCase,
  stockholmDateOf,
  type CaseEvent,
  type CaseErasedData,
  type RetentionRule,
} from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import {
  acceptedEvents,
  commandMetadata,
  retryOnVersionConflict,
  toDomainEvents,
} from '../aggregates/aggregate-command-service';
import { CommandRefusedError } from '../aggregates/command-refused.error';
import { rowsOf, type Queryable } from '../sql/rows-of';
import { eraseCaseCopies } from './case-erasure';

/** One line of the retention log (api.md v1.1 `GET /retention/log`). */
export interface RetentionLogEntry {
  caseId: string;
  caseNumber: string;
  caseType: string;
  unitId: string;
  rule: CaseErasedData['rule'];
  dueOn: string;
  erasedAt: string;
  erasedBy: string;
}

export type CaseErasureOutcome =
  | { readonly erased: true; readonly entry: RetentionLogEntry }
  | { readonly erased: false; readonly caseId: string; readonly reason: string };

export interface GallringRun {
  /** The Stockholm date the rules were applied on. */
  readonly today: string;
  readonly erased: RetentionLogEntry[];
  /** Candidates the decider did not erase after all (held or erased meanwhile, not due to the day). */
  readonly skipped: number;
}

export const GALLRING_ACTOR = 'gallring';

/** Cases per read of candidates; each is erased in a transaction of its own. */
const DEFAULT_BATCH = 100;

/**
 * Gallring (DATA-2, DATA-7, ADR 0027): finds the closed cases past their retention rule and not on
 * hold, and erases each in ONE transaction — its `CaseErased` event, its line in the retention log and
 * every copy of its personal data (`eraseCaseCopies`). The decider decides on the case loaded in that
 * transaction, so a held, already erased or not yet due case is skipped, and a run retried after a
 * crash erases nothing twice.
 */
export class Gallring {
  constructor(
    private readonly store: EventStore,
    private readonly db: Queryable,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Erases one case if it is due; `erasedBy` is `gallring` or the user who ran it. */
  async eraseCase(
    caseId: string,
    rules: readonly RetentionRule[],
    erasedBy: string = GALLRING_ACTOR,
  ): Promise<CaseErasureOutcome> {
    try {
      return await retryOnVersionConflict(() =>
        this.store.transaction(async (manager) => {
          const history = await this.store.load(caseId, manager);
          const state = history.every((e) => e.aggregateType === 'case')
            ? rebuildCase(toDomainEvents<CaseEvent>(history))
            : null;
          const events = acceptedEvents(
            decideCase(
              { type: 'erase', actor: { username: erasedBy, roles: ['system'] }, data: { rules, erasedBy } },
              state,
              this.clock(),
            ),
          );
          const [appended] = await this.store.append(
            {
              aggregateType: 'case',
              aggregateId: caseId,
              expectedVersion: state!.version,
              metadata: commandMetadata(erasedBy, { correlationId: `gallring-${caseId}` }),
              events: events.map((e) => ({
                type: e.type,
                data: e.data as unknown as Record<string, unknown>,
              })),
            },
            manager,
          );
          const data = appended!.data as unknown as CaseErasedData;
          await manager.query(
            `INSERT INTO retention_log (case_id, case_number, case_type, unit_id, rule, due_on, erased_at, erased_by, event_id)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6::date, $7::timestamptz, $8, $9)
             ON CONFLICT (case_id) DO NOTHING`,
            [
              caseId,
              data.caseNumber,
              data.caseType,
              data.unitId,
              JSON.stringify(data.rule),
              data.dueOn,
              data.erasedAt,
              data.erasedBy,
              appended!.id,
            ],
          );
          await eraseCaseCopies(manager, caseId, {
            reason: `gallring: ${data.rule.caseType} ${data.rule.keepYears} år från ${data.rule.from}`,
          });
          return { erased: true as const, entry: { caseId, ...pick(data) } };
        }),
      );
    } catch (error) {
      if (error instanceof CommandRefusedError)
        return { erased: false, caseId, reason: error.refusal.reason ?? error.refusal.code };
      throw error;
    }
  }

  /**
   * The cases that may be due on `today` (Stockholm): closed, not erased, not held, of a type with a
   * rule, and closed or reported before the rule's years — generously by two days, the decider has
   * the last word on the exact day. Read from the case read model, in id order after `afterId`.
   */
  async candidates(
    rules: readonly RetentionRule[],
    today: string,
    options: { afterId?: string; limit?: number } = {},
  ): Promise<string[]> {
    const known = rules.filter((r) => (CASE_TYPES as readonly string[]).includes(r.caseType));
    if (known.length === 0) return [];
    const rows = rowsOf<{ id: string }>(
      await this.db.query(
        `SELECT c.id
           FROM rm_cases c
           JOIN unnest($1::text[], $2::int[], $3::text[]) AS r(case_type, keep_years, from_kind) ON r.case_type = c.type
          WHERE c.closed_at IS NOT NULL
            AND c.state->>'erasedAt' IS NULL
            AND c.state->'legalHold' IS NULL
            AND (CASE WHEN r.from_kind = 'reported' THEN c.reported_at ELSE c.closed_at END)
                < (($4::date + 2) - make_interval(years => r.keep_years))::timestamptz
            AND c.id > $5::uuid
          ORDER BY c.id
          LIMIT $6`,
        [
          known.map((r) => r.caseType),
          known.map((r) => r.keepYears),
          known.map((r) => r.from),
          today,
          options.afterId ?? '00000000-0000-0000-0000-000000000000',
          options.limit ?? DEFAULT_BATCH,
        ],
      ),
    );
    return rows.map((row) => row.id);
  }

  /**
   * One batch of a run: up to `batchSize` candidates after `afterId`, each erased if due. `nextAfterId`
   * is where the next batch starts, null when this one was the last.
   */
  async runBatch(
    rules: readonly RetentionRule[],
    options: { afterId?: string; batchSize?: number; erasedBy?: string } = {},
  ): Promise<GallringRun & { nextAfterId: string | null }> {
    const today = stockholmDateOf(this.clock());
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const ids = await this.candidates(rules, today, {
      ...(options.afterId === undefined ? {} : { afterId: options.afterId }),
      limit: batchSize,
    });
    const erased: RetentionLogEntry[] = [];
    let skipped = 0;
    for (const id of ids) {
      const outcome = await this.eraseCase(id, rules, options.erasedBy ?? GALLRING_ACTOR);
      if (outcome.erased) erased.push(outcome.entry);
      else skipped++;
    }
    return { today, erased, skipped, nextAfterId: ids.length < batchSize ? null : ids[ids.length - 1]! };
  }

  /** One gallring run: every due case, a batch of candidates at a time. */
  async run(
    rules: readonly RetentionRule[],
    options: { erasedBy?: string; batchSize?: number } = {},
  ): Promise<GallringRun> {
    const erased: RetentionLogEntry[] = [];
    let skipped = 0;
    let afterId: string | undefined;
    let today = stockholmDateOf(this.clock());
    for (;;) {
      const batch = await this.runBatch(rules, { ...options, ...(afterId === undefined ? {} : { afterId }) });
      today = batch.today;
      erased.push(...batch.erased);
      skipped += batch.skipped;
      if (batch.nextAfterId === null) break;
      afterId = batch.nextAfterId;
    }
    return { today, erased, skipped };
  }

  /** The retention log between two instants (inclusive `from`, exclusive `to`), newest first. */
  async log(range: { from?: Date; to?: Date } = {}): Promise<RetentionLogEntry[]> {
    const rows = rowsOf<{
      case_id: string;
      case_number: string;
      case_type: string;
      unit_id: string;
      rule: CaseErasedData['rule'];
      due_on: string;
      erased_at: Date;
      erased_by: string;
    }>(
      await this.db.query(
        `SELECT case_id, case_number, case_type, unit_id, rule, to_char(due_on, 'YYYY-MM-DD') AS due_on, erased_at, erased_by
           FROM retention_log
          WHERE ($1::timestamptz IS NULL OR erased_at >= $1) AND ($2::timestamptz IS NULL OR erased_at < $2)
          ORDER BY erased_at DESC, case_number DESC
          LIMIT 10000`,
        [range.from?.toISOString() ?? null, range.to?.toISOString() ?? null],
      ),
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      caseNumber: row.case_number,
      caseType: row.case_type,
      unitId: row.unit_id,
      rule: row.rule,
      dueOn: row.due_on,
      erasedAt: new Date(row.erased_at).toISOString(),
      erasedBy: row.erased_by,
    }));
  }
}

function pick(data: CaseErasedData): Omit<RetentionLogEntry, 'caseId'> {
  const { caseNumber, caseType, unitId, rule, dueOn, erasedAt, erasedBy } = data;
  return { caseNumber, caseType, unitId, rule, dueOn, erasedAt, erasedBy };
}
