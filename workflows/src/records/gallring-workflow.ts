import { proxyActivities } from '@temporalio/workflow';

/** The activity contract of gallring; `apps/worker` implements it (`createGallringActivities`). */
export interface EraseDueCasesRequest {
  /** The last case id of the previous batch; the next batch starts after it. */
  readonly afterId?: string;
  readonly batchSize: number;
}

export interface ErasedCaseRef {
  readonly caseId: string;
  readonly caseNumber: string;
}

export interface ErasedBatch {
  /** The Stockholm date the rules were applied on. */
  readonly today: string;
  /** Only numbers and ids: a workflow history must never hold a case's personal data (ADR 0002). */
  readonly erased: readonly ErasedCaseRef[];
  readonly skipped: number;
  /** Where the next batch starts; null when there are no more candidates. */
  readonly nextAfterId: string | null;
}

export interface GallringActivities {
  eraseDueCases(request: EraseDueCasesRequest): Promise<ErasedBatch>;
}

export interface GallringInput {
  readonly batchSize?: number;
}

export interface GallringResult {
  readonly today: string | null;
  readonly erased: number;
  readonly skipped: number;
  readonly batches: number;
}

export const GALLRING_BATCH_SIZE = 100;

const { eraseDueCases } = proxyActivities<GallringActivities>({
  startToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '30 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: ['CommandRefusedError'],
  },
});

/**
 * The daily gallring (DATA-2, DATA-7; ADR 0027): erases the cases past their retention rule, a batch
 * per activity so that each is short and a retry repeats one batch. Each erasure is decided on the
 * case in its own transaction, so a retried batch or a re-run of the schedule erases nothing twice.
 */
export async function gallringWorkflow(input: GallringInput = {}): Promise<GallringResult> {
  const batchSize = input.batchSize ?? GALLRING_BATCH_SIZE;
  let afterId: string | undefined;
  let today: string | null = null;
  let erased = 0;
  let skipped = 0;
  let batches = 0;
  for (;;) {
    const batch = await eraseDueCases({ batchSize, ...(afterId === undefined ? {} : { afterId }) });
    batches += 1;
    today = batch.today;
    erased += batch.erased.length;
    skipped += batch.skipped;
    if (batch.nextAfterId === null) break;
    afterId = batch.nextAfterId;
  }
  return { today, erased, skipped, batches };
}
