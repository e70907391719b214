/**
 * Old schema versions are lifted to the current one when read, so stored history is never rewritten
 * (DATA-6). An upcaster turns version n of an event type into version n + 1.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Upcaster>();

  register(eventType: string, fromVersion: number, upcaster: Upcaster): this {
    this.upcasters.set(`${eventType}@${fromVersion}`, upcaster);
    return this;
  }

  upcast(
    eventType: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { schemaVersion: number; data: Record<string, unknown> } {
    let version = schemaVersion;
    let current = data;
    for (;;) {
      const next = this.upcasters.get(`${eventType}@${version}`);
      if (!next) return { schemaVersion: version, data: current };
      current = next(current);
      version += 1;
    }
  }
}

/**
 * v1 of CaseReported carried the reporter as a plain username string; v2 has `reporter: { username }`.
 * Kept as the worked example of an upcaster and as the registry every reader starts from.
 */
export function defaultUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register('CaseReported', 1, (data) => {
    const { reporter, ...rest } = data;
    return typeof reporter === 'string' ? { ...rest, reporter: { username: reporter } } : data;
  });
}
