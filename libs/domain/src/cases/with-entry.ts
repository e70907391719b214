/**
 * A copy of `record` with `key` set to `value` — how `evolveCase` updates its maps of actions,
 * deadlines and tasks, whose keys are ids. Spreading (`{ ...record, [key]: value }`) costs much
 * more here: every record with a new set of ids gets new hidden classes in V8, and a rebuild of
 * 50,000 cases with 20 tasks each spent most of its time making them (ADR 0012). A record that
 * has had properties deleted is kept as a hash table instead, so the copy is a plain loop.
 */
export function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const next = hashTableCopy(record);
  next[key] = value;
  return next;
}

/** A copy of `record` that V8 keeps as a hash table (see `withEntry`). */
export function hashTableCopy<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const next: Record<string, V> = hashTableRecord();
  for (const k of Object.keys(record)) next[k] = record[k]!;
  return next;
}

function hashTableRecord<V>(): Record<string, V> {
  const record: Record<string, unknown> = { a: 0, b: 0 };
  delete record['a'];
  delete record['b'];
  return record as Record<string, V>;
}
