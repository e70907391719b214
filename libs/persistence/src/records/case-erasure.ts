import type { EntityManager } from 'typeorm';
import { erasePersonalDataOf } from '../event-store/event-store';
import { CASE_PERSONAL_FIELD_PATHS, ERASED_MARKER } from '../personal-data/personal-fields';
import { shredCaseDataKey } from '../personal-data/sealed-personal-data';
import { rowsOf } from '../sql/rows-of';

/** How many rows of each table the erasure of one case changed (DATA-2, DATA-7). */
export interface CaseErasureReport {
  readonly caseId: string;
  readonly tables: {
    readonly personal_data: number;
    readonly rm_cases: number;
    readonly dead_letters: number;
    readonly idempotency_keys: number;
    readonly mail_messages: number;
    readonly user_notifications: number;
    readonly generated_reports: number;
    /** The case's Kafka data key, shredded (ADR 0028): its messages on the topics no longer open. */
    readonly case_data_keys: number;
    /**
     * The case's attachments (issue 21), rows and bytes deleted. A file kept in S3-compatible storage
     * loses its row here and its object key is queued in `attachment_object_removals`, which the api
     * empties by removing the objects from the bucket.
     */
    readonly attachments: number;
  };
  readonly total: number;
}

export interface CaseErasureOptions {
  /** Recorded on the personal-data rows (`erased_reason`); the retention rule that applied. */
  readonly reason?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The keys under which a copy of an event, a case view or a command answer holds free text or names.
 * `title` is blanked only in copies of the case view (`blankTitles`): a report's title is not the case's.
 */
const FREE_TEXT_KEYS: ReadonlySet<string> = new Set(
  CASE_PERSONAL_FIELD_PATHS.filter((path) => path !== 'title').map((path) => path.split('.').at(-1)!),
);

/**
 * Known values shorter than this are not looked for inside other text: short values ("Ja", a cause
 * code) are not identifying and would blank unrelated words; their keys are erased by name instead.
 */
const MIN_SEARCHED_VALUE = 8;

function stringLeaves(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) stringLeaves(item, into);
  return into;
}

/** Every string under the value becomes the marker; arrays and objects keep their shape. */
function blank(value: Json): Json {
  if (typeof value === 'string') return ERASED_MARKER;
  if (Array.isArray(value)) return value.map(blank);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)]));
  return value;
}

/**
 * A JSON copy with its free text erased: values under the personal keys, and any string that holds
 * one of the case's known personal values (a copy in a shape this code does not know).
 */
export function scrubJson(value: Json, known: readonly string[]): Json {
  if (typeof value === 'string') return scrubText(value, known);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, known));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, FREE_TEXT_KEYS.has(k) ? blank(v) : scrubJson(v, known)]),
    );
  return value;
}

function scrubText(text: string, known: readonly string[]): string {
  return known.some((value) => text.includes(value)) ? ERASED_MARKER : text;
}

/** A text copy (a Kafka message as received): JSON is scrubbed by shape, anything else blanked if it names the case. */
function scrubSerialized(text: string, known: readonly string[]): string {
  try {
    return JSON.stringify(scrubJson(JSON.parse(text) as Json, known));
  } catch {
    return scrubText(text, known);
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Erases the personal data and free text of one case from every copy Postgres keeps of it, in the
 * caller's transaction (the gallring, ADR 0032): the `personal_data` of its events, the read model's
 * description and view, dead letters of its events, idempotency answers that hold it, mail and in-app
 * notices about it, and any archived report that names one of its values. Erased text becomes
 * `[raderad]` and rows keep their shape, so readers go on working; the number, type, unit, dates and
 * statistics stay. The events themselves hold no personal data (ADR 0002). Safe to run twice.
 *
 * Not touched, on purpose: the access log's search queries (append-only and not tied to a case; they
 * hold what a user typed, not the case's text) and the statistics tables (no free text).
 */
export async function eraseCaseCopies(
  manager: EntityManager,
  caseId: string,
  options: CaseErasureOptions = {},
): Promise<CaseErasureReport> {
  const reason = options.reason ?? 'gallring';
  // The known values are read before they are erased: they find copies in shapes not known here.
  const personal = rowsOf<{ data: unknown }>(
    await manager.query(`SELECT data FROM personal_data WHERE subject_id = $1 AND erased_at IS NULL`, [
      caseId,
    ]),
  );
  const readModel = rowsOf<{ description: string | null; reported_at: Date; closed_at: Date | null }>(
    await manager.query(`SELECT description, reported_at, closed_at FROM rm_cases WHERE id = $1`, [caseId]),
  );
  const values = new Set<string>();
  for (const row of personal) stringLeaves(row.data, values);
  for (const row of readModel) if (row.description) values.add(row.description);
  const known = [...values].filter((v) => v.length >= MIN_SEARCHED_VALUE && v !== ERASED_MARKER);

  const personalData = await erasePersonalDataOf(manager, caseId, reason);

  const rmCases = await updateJsonRows<{ key: string; value: Json; description: string | null }>(
    manager,
    `SELECT id AS key, state AS value, description FROM rm_cases WHERE id = $1 FOR UPDATE`,
    [caseId],
    (value) => scrubJson(value, known),
    (key, json) =>
      manager.query(
        `UPDATE rm_cases SET state = $2::jsonb, description = CASE WHEN description IS NULL THEN NULL ELSE $3 END WHERE id = $1`,
        [key, json, ERASED_MARKER],
      ),
    (row) => row.description !== null && row.description !== ERASED_MARKER,
  );

  const deadLetters = await updateTextRows(
    manager,
    `SELECT id AS key, payload AS value, error FROM dead_letters
      WHERE event_id IN (SELECT id FROM events WHERE aggregate_id = $1) OR strpos(payload, $2) > 0
      FOR UPDATE`,
    [caseId, caseId],
    known,
    `UPDATE dead_letters SET payload = $2, error = $3 WHERE id = $1`,
  );

  const idempotency = await updateJsonRows(
    manager,
    // The report's key made the case (its id); a later create or link answered with the case's view.
    `SELECT scope || chr(31) || key AS key, response_body AS value FROM idempotency_keys
      WHERE aggregate_id = $1 OR response_body->>'id' = $2 FOR UPDATE`,
    [caseId, caseId],
    // The answer is the case's view: its action titles go too, as the api hides them (ADR 0027).
    (value) => blankTitles(scrubJson(value, known)),
    (key, json) =>
      manager.query(
        `UPDATE idempotency_keys SET response_body = $2::jsonb WHERE scope || chr(31) || key = $1`,
        [key, json],
      ),
  );

  // Mail carries the case id since 1764201000000 (older rows were given it from their keys).
  const mail = rowsOf<{ id: string }>(
    await manager.query(
      `UPDATE mail_messages
          SET subject = $2, text_body = $2, html_body = CASE WHEN html_body IS NULL THEN NULL ELSE $2 END, raw = NULL,
              recipients = ARRAY(SELECT CASE WHEN split_part(r, '@', 1) = ANY (recipient_usernames) THEN r ELSE $2 END
                                   FROM unnest(recipients) AS r)
        WHERE case_id = $1 AND text_body <> $2
        RETURNING id`,
      [caseId, ERASED_MARKER],
    ),
  ).length;

  const notifications = rowsOf<{ key: string; details: Json }>(
    await manager.query(`SELECT key, details FROM user_notifications WHERE case_id = $1 FOR UPDATE`, [
      caseId,
    ]),
  );
  let userNotifications = 0;
  for (const row of notifications) {
    const details = blankTitles(scrubJson(row.details, known));
    const changed = rowsOf<{ key: string }>(
      await manager.query(
        `UPDATE user_notifications SET body = $2, details = $3::jsonb
          WHERE key = $1 AND (body <> $2 OR details <> $3::jsonb) RETURNING key`,
        [row.key, ERASED_MARKER, JSON.stringify(details)],
      ),
    );
    userNotifications += changed.length;
  }

  // Reports carry no free text by construction (one pseudonymised line per case); this finds one
  // that does anyway, among the reports whose period the case was open in. The HTML and the PDF are
  // rendered from the document, so the document and its data are searched; a hit's PDF cannot be
  // edited: it is emptied, and the report must be generated again.
  const life = readModel[0];
  const reports =
    known.length === 0
      ? 0
      : await updateJsonRows(
          manager,
          `SELECT report_key AS key, jsonb_build_object('data', data, 'document', document, 'html', html) AS value
             FROM generated_reports
            WHERE ($2::timestamptz IS NULL OR period_to > $2) AND ($3::timestamptz IS NULL OR period_from <= $3)
              AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS v WHERE strpos(data::text, v) > 0 OR strpos(document::text, v) > 0)
            FOR UPDATE`,
          [known, life?.reported_at ?? null, life?.closed_at ?? null],
          (value) => scrubJson(value, known),
          (key, json) =>
            manager.query(
              `UPDATE generated_reports SET data = ($2::jsonb)->'data', document = ($2::jsonb)->'document',
                      html = ($2::jsonb)->>'html', pdf = '\\x'::bytea WHERE report_key = $1`,
              [key, json],
            ),
        );

  const tables = {
    personal_data: personalData,
    rm_cases: rmCases,
    dead_letters: deadLetters,
    idempotency_keys: idempotency,
    mail_messages: mail,
    user_notifications: userNotifications,
    generated_reports: reports,
    case_data_keys: await shredCaseDataKey(manager, caseId),
    attachments: await eraseAttachments(manager, caseId),
  };
  return { caseId, tables, total: Object.values(tables).reduce((a, b) => a + b, 0) };
}

/** Deletes the case's attachment rows and queues the keys of those kept in S3 for removal there. */
async function eraseAttachments(manager: EntityManager, caseId: string): Promise<number> {
  const deleted = rowsOf<{ id: string; storage_key: string | null }>(
    await manager.query(`DELETE FROM attachments WHERE case_id = $1 RETURNING id, storage_key`, [caseId]),
  );
  const keys = deleted.flatMap((row) => (row.storage_key === null ? [] : [row.storage_key]));
  if (keys.length > 0)
    await manager.query(
      `INSERT INTO attachment_object_removals (storage_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [keys],
    );
  return deleted.length;
}

/**
 * A notice and a case view list the case's actions by title: free text written about the case. Titles
 * recorded since 2026-12-07 are personal fields (`CASE_PERSONAL_FIELD_PATHS`), but one shorter than
 * the searched length is not found by value, and older ones are not in `personal_data` at all.
 */
function blankTitles(value: Json): Json {
  if (Array.isArray(value)) return value.map(blankTitles);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'title' ? blank(v) : blankTitles(v)]),
    );
  return value;
}

/** Scrubs the JSON `value` of each selected row and writes back the rows it changed. */
async function updateJsonRows<Row extends { key: string; value: Json }>(
  manager: EntityManager,
  select: string,
  params: unknown[],
  scrub: (value: Json) => Json,
  write: (key: string, json: string) => Promise<unknown>,
  alsoChanged: (row: Row) => boolean = () => false,
): Promise<number> {
  const rows = rowsOf<Row>(await manager.query(select, params));
  let changed = 0;
  for (const row of rows) {
    const scrubbed = scrub(row.value);
    if (sameJson(scrubbed, row.value) && !alsoChanged(row)) continue;
    await write(row.key, JSON.stringify(scrubbed));
    changed++;
  }
  return changed;
}

async function updateTextRows(
  manager: EntityManager,
  select: string,
  params: unknown[],
  known: readonly string[],
  update: string,
): Promise<number> {
  const rows = rowsOf<{ key: string; value: string; error: string }>(await manager.query(select, params));
  let changed = 0;
  for (const row of rows) {
    const payload = scrubSerialized(row.value, known);
    const error = scrubText(row.error, known);
    if (payload === row.value && error === row.error) continue;
    await manager.query(update, [row.key, payload, error]);
    changed++;
  }
  return changed;
}
