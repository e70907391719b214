import type { EntityManager } from 'typeorm';
import { CASE_TYPES } from '@kvalitet/domain';
import { counterKey, type CaseRow, type CounterRow, type TaskRow } from './case-read-model-rows';

const CHUNK = 2000;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** Reads the current rows of these cases and locks them until the transaction ends. */
export async function loadCaseRowsForUpdate(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, CaseRow>> {
  if (caseIds.length === 0) return new Map();
  const rows: (Omit<CaseRow, 'reported_at' | 'occurred_at' | 'next_due_at' | 'closed_at'> & Record<'reported_at' | 'occurred_at' | 'next_due_at' | 'closed_at', Date | null>)[] =
    await manager.query(`SELECT * FROM rm_cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [caseIds]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...r,
        reported_at: r.reported_at!.toISOString(),
        occurred_at: r.occurred_at?.toISOString() ?? null,
        next_due_at: r.next_due_at?.toISOString() ?? null,
        closed_at: r.closed_at?.toISOString() ?? null,
      },
    ]),
  );
}

export async function upsertCaseRows(manager: EntityManager, rows: readonly CaseRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await manager.query(
      `INSERT INTO rm_cases (id, case_number, type, reported_type, unit_id, stage, channel, unclassified, category, reported_at, occurred_at,
                             reported_by, assignee, description, next_due_at, missed_deadlines, version, closed_at, state, updated_at)
       SELECT id, case_number, type, reported_type, unit_id, stage, channel, unclassified, category, reported_at, occurred_at,
              reported_by, assignee, description, next_due_at, missed_deadlines, version, closed_at, state, now()
         FROM jsonb_populate_recordset(NULL::rm_cases, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET
         case_number = EXCLUDED.case_number, type = EXCLUDED.type, unit_id = EXCLUDED.unit_id, stage = EXCLUDED.stage,
         unclassified = EXCLUDED.unclassified, category = EXCLUDED.category, assignee = EXCLUDED.assignee,
         reported_by = EXCLUDED.reported_by, description = EXCLUDED.description, next_due_at = EXCLUDED.next_due_at,
         missed_deadlines = EXCLUDED.missed_deadlines, version = EXCLUDED.version, closed_at = EXCLUDED.closed_at,
         state = EXCLUDED.state, updated_at = now()`,
      [JSON.stringify(chunk)],
    );
  }
}

export async function upsertTaskRows(manager: EntityManager, rows: readonly TaskRow[]): Promise<void> {
  const latest = [...new Map(rows.map((row) => [row.id, row])).values()];
  for (const chunk of chunks(latest)) {
    const column = <K extends keyof TaskRow>(key: K) => chunk.map((row) => row[key]);
    await manager.query(
      `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                            $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET case_number = EXCLUDED.case_number, case_type = EXCLUDED.case_type, assignee = EXCLUDED.assignee,
         assignee_role = EXCLUDED.assignee_role, unit_id = EXCLUDED.unit_id, due_at = EXCLUDED.due_at, status = EXCLUDED.status,
         completed_at = EXCLUDED.completed_at`,
      [
        column('id'), column('case_id'), column('case_number'), column('case_type'), column('kind'), column('assignee'), column('assignee_role'),
        column('unit_id'), column('due_at'), column('deadline_id'), column('action_id'), column('status'), column('created_at'), column('completed_at'),
      ],
    );
  }
}

export function sumCounters(rows: readonly CounterRow[]): CounterRow[] {
  const sums = new Map<string, CounterRow>();
  for (const row of rows) {
    const key = counterKey(row);
    const current = sums.get(key);
    sums.set(key, current ? { ...current, reported: current.reported + row.reported, closed: current.closed + row.closed, deadlines_missed: current.deadlines_missed + row.deadlines_missed } : { ...row });
  }
  return [...sums.values()];
}

export async function addCounters(manager: EntityManager, deltas: readonly CounterRow[]): Promise<void> {
  const sorted = sumCounters(deltas).sort((a, b) => counterKey(a).localeCompare(counterKey(b)));
  for (const chunk of chunks(sorted)) {
    await manager.query(
      `INSERT INTO rm_case_counters SELECT * FROM jsonb_populate_recordset(NULL::rm_case_counters, $1::jsonb)
       ON CONFLICT (unit_id, type, month) DO UPDATE SET reported = rm_case_counters.reported + EXCLUDED.reported,
         closed = rm_case_counters.closed + EXCLUDED.closed, deadlines_missed = rm_case_counters.deadlines_missed + EXCLUDED.deadlines_missed`,
      [JSON.stringify(chunk)],
    );
  }
}

/**
 * Writes rows into emptied tables (a rebuild): plain INSERTs of chunks sent as one JSON parameter
 * each, without the conflict handling the live upserts need. The next chunk is serialised while
 * the database writes the current one.
 */
async function insertChunks(manager: EntityManager, sql: string, rows: readonly object[]): Promise<void> {
  let writing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < rows.length; i += REBUILD_CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + REBUILD_CHUNK));
    await writing;
    writing = manager.query(sql, [json]);
  }
  await writing;
}

const REBUILD_CHUNK = 2000;

export function insertCaseRows(manager: EntityManager, rows: readonly CaseRow[]): Promise<void> {
  return insertChunks(
    manager,
    `INSERT INTO rm_cases (id, case_number, type, reported_type, unit_id, stage, channel, unclassified, category, reported_at, occurred_at,
                           reported_by, assignee, description, next_due_at, missed_deadlines, version, closed_at, state, updated_at)
     SELECT id, case_number, type, reported_type, unit_id, stage, channel, unclassified, category, reported_at, occurred_at,
            reported_by, assignee, description, next_due_at, missed_deadlines, version, closed_at, state, now()
       FROM jsonb_populate_recordset(NULL::rm_cases, $1::jsonb)`,
    rows,
  );
}

export function insertTaskRows(manager: EntityManager, rows: readonly TaskRow[]): Promise<void> {
  return insertChunks(
    manager,
    `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
     SELECT id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at
       FROM jsonb_populate_recordset(NULL::rm_tasks, $1::jsonb)`,
    rows,
  );
}

/**
 * Blocks the live consumer until the transaction ends, then empties the read models. Only the
 * cases' own rows of the shared task inbox go: other registers keep theirs (rm_tasks.case_type is
 * the register's aggregate type there).
 */
export async function lockAndClearCaseReadModels(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE rm_cases, rm_tasks, rm_case_counters IN EXCLUSIVE MODE`);
  await manager.query(`DELETE FROM rm_tasks WHERE case_type = ANY($1::text[])`, [[...CASE_TYPES]]);
  await manager.query(`DELETE FROM rm_case_counters`);
  await manager.query(`DELETE FROM rm_cases`);
}
