import { ApplicationFailure } from '@temporalio/activity';
import { createLogger } from '@kvalitet/runtime';
import {
  CommandRefusedError,
  DEFAULT_COPY_RETENTION_DAYS,
  Gallring,
  pruneExpiredCopies,
  RetentionRulesRepository,
  type CopyRetentionDays,
  type EventStore,
} from '@kvalitet/persistence';
import type { EraseDueCasesRequest, ErasedBatch, GallringActivities } from '@kvalitet/workflows';

export interface GallringActivityDeps {
  readonly store: EventStore;
  /** Where the candidates are read (the case read model): typeorm's DataSource or pg's Pool. */
  readonly db: { query(sql: string, params?: unknown[]): Promise<unknown> };
  readonly clock?: () => Date;
  /** How long working copies are kept (ADR 0032); the defaults where absent. */
  readonly copyRetentionDays?: CopyRetentionDays;
}

const logger = createLogger('worker');

/**
 * The daily gallring's one side effect (DATA-2, DATA-7; ADR 0027): the rules in force, then one batch
 * of due cases erased, each in its own transaction with its event, log line and every copy.
 */
export function createGallringActivities(deps: GallringActivityDeps): GallringActivities {
  const rules = new RetentionRulesRepository(deps.store);
  const gallring = new Gallring(deps.store, deps.db, deps.clock);
  return {
    async eraseDueCases(request: EraseDueCasesRequest): Promise<ErasedBatch> {
      // The first batch of a run also drops the working copies past their days (ADR 0032).
      if (request.afterId === undefined) {
        const pruned = await deps.store.transaction((manager) =>
          pruneExpiredCopies(
            manager,
            (deps.clock ?? (() => new Date()))(),
            deps.copyRetentionDays ?? DEFAULT_COPY_RETENTION_DAYS,
          ),
        );
        logger.info({ pruned }, 'utgångna arbetskopior rensade');
      }
      try {
        const batch = await gallring.runBatch((await rules.current()).rules, {
          batchSize: request.batchSize,
          ...(request.afterId === undefined ? {} : { afterId: request.afterId }),
        });
        return {
          today: batch.today,
          erased: batch.erased.map((e) => ({ caseId: e.caseId, caseNumber: e.caseNumber })),
          skipped: batch.skipped,
          nextAfterId: batch.nextAfterId,
        };
      } catch (error) {
        if (error instanceof CommandRefusedError)
          throw ApplicationFailure.nonRetryable(error.message, 'CommandRefusedError');
        throw error;
      }
    },
  };
}
