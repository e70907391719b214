import { ApplicationFailure } from '@temporalio/activity';
import {
  CommandRefusedError,
  Gallring,
  RetentionRulesRepository,
  type EventStore,
} from '@kvalitet/persistence';
import type { EraseDueCasesRequest, ErasedBatch, GallringActivities } from '@kvalitet/workflows';

export interface GallringActivityDeps {
  readonly store: EventStore;
  /** Where the candidates are read (the case read model): typeorm's DataSource or pg's Pool. */
  readonly db: { query(sql: string, params?: unknown[]): Promise<unknown> };
  readonly clock?: () => Date;
}

/**
 * The daily gallring's one side effect (DATA-2, DATA-7; ADR 0027): the rules in force, then one batch
 * of due cases erased, each in its own transaction with its event, log line and every copy.
 */
export function createGallringActivities(deps: GallringActivityDeps): GallringActivities {
  const rules = new RetentionRulesRepository(deps.store);
  const gallring = new Gallring(deps.store, deps.db, deps.clock);
  return {
    async eraseDueCases(request: EraseDueCasesRequest): Promise<ErasedBatch> {
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
