import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import type { AttachmentStorage } from './attachment-storage';
import { ATTACHMENT_STORAGE } from './attachments.service';

export const ATTACHMENT_REMOVAL_INTERVAL_MS = Symbol('ATTACHMENT_REMOVAL_INTERVAL_MS');

/** Keys per DeleteObjects request (S3 takes at most 1,000). */
const BATCH = 500;

/**
 * Removes the objects of erased attachments from the bucket (issue 21, DATA-2). The erasure, wherever
 * it runs (the worker's daily gallring, the api's run), deletes the rows and queues the object keys
 * in its transaction; only the api holds the bucket's credentials, so it empties the queue here, on
 * start and then every interval. A key leaves the queue only once its object is gone.
 */
@Injectable()
export class AttachmentObjectRemover implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AttachmentObjectRemover.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(ATTACHMENT_REMOVAL_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.storage.kind !== 's3') return;
    const tick = () => {
      void this.removeQueued().catch((error: unknown) =>
        this.logger.warn(`borttagning av raderade bilagor ur objektlagringen misslyckades: ${String(error)}`),
      );
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Empties the queue as far as the bucket allows; how many objects were removed. */
  removeQueued(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let removed = 0;
    let after = '';
    for (;;) {
      const rows: { storage_key: string }[] = await this.dataSource.query(
        `SELECT storage_key FROM attachment_object_removals WHERE storage_key > $1 ORDER BY storage_key LIMIT $2`,
        [after, BATCH],
      );
      if (rows.length === 0) return removed;
      const keys = rows.map((r) => r.storage_key);
      const failed = new Set(await this.storage.removeObjects(keys));
      const gone = keys.filter((k) => !failed.has(k));
      if (gone.length > 0)
        await this.dataSource.query(
          `DELETE FROM attachment_object_removals WHERE storage_key = ANY($1::text[])`,
          [gone],
        );
      if (failed.size > 0) this.logger.warn(`${failed.size} objekt kunde inte tas bort ur objektlagringen`);
      removed += gone.length;
      after = keys[keys.length - 1]!;
    }
  }
}
