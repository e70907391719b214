import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import { rowsOf, type Queryable } from '../sql/rows-of';
import {
  ERASED_MARKER,
  mergePersonalData,
  personalFieldPathsFor,
  splitPersonalData,
} from './personal-fields';

/**
 * The personal fields of a Kafka message, sealed with the subject's data key (AES-256-GCM, the event
 * id as associated data so a sealed block cannot be moved to another event). `paths` names the fields
 * (not their values) so that a reader without the key can still put the erasure marker in their place.
 */
export interface SealedPersonalData {
  v: 1;
  alg: 'A256GCM';
  paths: string[];
  iv: string;
  /** Ciphertext followed by the 16-byte tag, base64. */
  data: string;
}

/** An event as it travels on Kafka: `data` without its personal fields, which are in `sealed`. */
export type WireEvent = EventEnvelope & { sealed?: SealedPersonalData };

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Thrown when a sealed block does not open with its subject's key (altered on the way). */
export class SealedPersonalDataError extends Error {
  constructor(eventId: string) {
    super(`personuppgifterna i händelsen ${eventId} kunde inte öppnas med ärendets nyckel (ändrade?)`);
    this.name = 'SealedPersonalDataError';
  }
}

/** The event with its personal fields sealed under `key`; an event without personal fields is unchanged. */
export function sealEvent(event: EventEnvelope, key: Buffer): WireEvent {
  const { stripped, personal } = splitPersonalData(event.data, personalFieldPathsFor(event.aggregateType));
  if (!personal) return event;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(event.id, 'utf8'));
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify(personal), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return {
    ...event,
    data: stripped,
    sealed: {
      v: 1,
      alg: 'A256GCM',
      paths: Object.keys(personal),
      iv: iv.toString('base64'),
      data: sealed.toString('base64'),
    },
  };
}

/**
 * The event with its personal fields back. Without a key — the subject's key was shredded when the
 * case was erased — every sealed field reads `[raderad]`, as the event store shows an erased event.
 */
export function openEvent(event: WireEvent, key: Buffer | null): EventEnvelope {
  const { sealed, ...envelope } = event;
  if (!sealed) return event;
  let personal: Record<string, unknown>;
  if (!key) {
    personal = Object.fromEntries(sealed.paths.map((path) => [path, ERASED_MARKER]));
  } else {
    const bytes = Buffer.from(sealed.data, 'base64');
    if (bytes.length < TAG_BYTES) throw new SealedPersonalDataError(event.id);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(event.id, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      personal = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new SealedPersonalDataError(event.id);
    }
  }
  return { ...envelope, data: mergePersonalData(envelope.data, personal) };
}

/**
 * The data keys of the subjects, created for those that have none yet (`create`, the relay). The
 * insert commits on its own before any message sealed with the key is sent, so a relay round rolled
 * back after a partial send never leaves messages whose key was never stored.
 */
export async function caseDataKeys(
  db: Queryable,
  subjectIds: readonly string[],
  options: { create?: boolean } = {},
): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(subjectIds)];
  const keys = new Map<string, Buffer>();
  if (wanted.length === 0) return keys;
  const read = async (ids: string[]) => {
    for (const row of rowsOf<{ subject_id: string; data_key: Buffer }>(
      await db.query(`SELECT subject_id, data_key FROM case_data_keys WHERE subject_id = ANY($1::uuid[])`, [
        ids,
      ]),
    ))
      keys.set(row.subject_id, row.data_key);
  };
  await read(wanted);
  const missing = wanted.filter((id) => !keys.has(id));
  if (!options.create || missing.length === 0) return keys;
  await db.query(
    `INSERT INTO case_data_keys (subject_id, data_key)
     SELECT * FROM unnest($1::uuid[], $2::bytea[]) ON CONFLICT (subject_id) DO NOTHING`,
    [missing, missing.map(() => randomBytes(KEY_BYTES))],
  );
  await read(missing);
  return keys;
}

/**
 * Destroys the subject's data key (crypto-shredding, ADR 0028): every Kafka message that carried its
 * personal data becomes unreadable, and consumers read `[raderad]` in its place. In the caller's
 * transaction (the erasure of the case). Returns how many keys went (0 or 1).
 */
export async function shredCaseDataKey(manager: EntityManager, caseId: string): Promise<number> {
  const deleted = rowsOf<{ subject_id: string }>(
    await manager.query(`DELETE FROM case_data_keys WHERE subject_id = $1 RETURNING subject_id`, [caseId]),
  );
  consumerKeyCache.forget(caseId);
  return deleted.length;
}

/**
 * The consumers' keys, kept a short while so a batch costs at most one key query. An erasure in
 * another process reaches a consumer of this one within the time to live.
 */
class DataKeyCache {
  private readonly entries = new Map<string, { key: Buffer | null; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  async keysFor(db: Queryable, subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const now = Date.now();
    const result = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const id of new Set(subjectIds)) {
      const entry = this.entries.get(id);
      if (entry && entry.until > now) result.set(id, entry.key);
      else missing.push(id);
    }
    if (missing.length === 0) return result;
    const found = await caseDataKeys(db, missing);
    if (this.entries.size + missing.length > this.maxEntries) this.entries.clear();
    for (const id of missing) {
      const key = found.get(id) ?? null;
      result.set(id, key);
      this.entries.set(id, { key, until: now + this.ttlMs });
    }
    return result;
  }

  forget(subjectId: string): void {
    this.entries.delete(subjectId);
  }
}

const consumerKeyCache = new DataKeyCache(60_000, 20_000);

/** The events as their consumers need them: sealed personal fields opened (or `[raderad]`, once shredded). */
export async function openSealedEvents(
  db: Queryable,
  events: readonly WireEvent[],
): Promise<EventEnvelope[]> {
  const sealed = events.filter((event) => event.sealed);
  if (sealed.length === 0) return events as EventEnvelope[];
  const keys = await consumerKeyCache.keysFor(
    db,
    sealed.map((event) => event.aggregateId),
  );
  return events.map((event) =>
    event.sealed ? openEvent(event, keys.get(event.aggregateId) ?? null) : event,
  );
}

/** The outbox rows with their events' personal fields sealed under their subjects' keys (created as needed). */
export async function sealForPublishing<T extends { event: EventEnvelope }>(
  db: Queryable,
  rows: readonly T[],
): Promise<T[]> {
  const personal = rows.map(
    (row) =>
      splitPersonalData(row.event.data, personalFieldPathsFor(row.event.aggregateType)).personal !== null,
  );
  const subjects = rows.filter((_, i) => personal[i]).map((row) => row.event.aggregateId);
  if (subjects.length === 0) return [...rows];
  const keys = await caseDataKeys(db, subjects, { create: true });
  return rows.map((row, i) => {
    if (!personal[i]) return row;
    const key = keys.get(row.event.aggregateId);
    if (!key)
      throw new Error(`ingen datanyckel för ${row.event.aggregateId}; händelsen skickas inte okrypterad`);
    return { ...row, event: sealEvent(row.event, key) };
  });
}
