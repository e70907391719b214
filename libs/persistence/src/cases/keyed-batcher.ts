export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes a batch with `write` (all or nothing); if that fails, each item is written again on its
 * own, so one bad item fails alone and the others still succeed.
 */
export async function settleEach<I, R>(
  items: I[],
  write: (items: I[]) => Promise<R[]>,
): Promise<Settled<R>[]> {
  try {
    return (await write(items)).map((value) => ({ ok: true, value }));
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error }];
    const results: Settled<R>[] = [];
    for (const item of items) results.push(...(await settleEach([item], write)));
    return results;
  }
}

/**
 * Group commit for work that must be serialised per key: items submitted while a batch for their
 * key is being written wait and go together in the next batch, so a serialising lock (the
 * case-number row) is taken once per batch instead of once per item. One batch per key at a time in
 * this process; different keys run side by side.
 */
export class KeyedBatcher<I, R> {
  private readonly queues = new Map<string, { item: I; settle: (result: Settled<R>) => void }[]>();

  constructor(
    private readonly writeBatch: (key: string, items: I[]) => Promise<Settled<R>[]>,
    private readonly maxBatch: number,
  ) {}

  submit(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const settle = (result: Settled<R>) => (result.ok ? resolve(result.value) : reject(result.error));
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ item, settle });
        return;
      }
      this.queues.set(key, [{ item, settle }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      let results: Settled<R>[];
      try {
        results = await this.writeBatch(
          key,
          batch.map((entry) => entry.item),
        );
      } catch (error) {
        results = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((entry, index) =>
        entry.settle(results[index] ?? { ok: false, error: new Error('batch gave no result') }),
      );
    }
    this.queues.delete(key);
  }
}
