import type { EntityManager } from 'typeorm';
import { CASE_TYPES } from '@kvalitet/domain';
import { copyLine, serialCopyIn } from '@kvalitet/persistence';
import { createShadowTables, swapShadowTables } from '../../rebuild/shadow-tables';
import { counterKey, type CaseRow, type CounterRow, type TaskRow } from './case-read-model-rows';

const CHUNK = 2000;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** Reads the current rows of these cases and locks them until the transaction ends. */
export async function loadCaseRowsForUpdate(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<Map<string, CaseRow>> {
  if (caseIds.length === 0) return new Map();
  const rows: (Omit<CaseRow, 'reported_at' | 'occurred_at' | 'next_due_at' | 'closed_at'> &
    Record<'reported_at' | 'occurred_at' | 'next_due_at' | 'closed_at', Date | null>)[] = await manager.query(
    `SELECT * FROM rm_cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [caseIds],
  );
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
        column('id'),
        column('case_id'),
        column('case_number'),
        column('case_type'),
        column('kind'),
        column('assignee'),
        column('assignee_role'),
        column('unit_id'),
        column('due_at'),
        column('deadline_id'),
        column('action_id'),
        column('status'),
        column('created_at'),
        column('completed_at'),
      ],
    );
  }
}

export function sumCounters(rows: readonly CounterRow[]): CounterRow[] {
  const sums = new Map<string, CounterRow>();
  for (const row of rows) {
    const key = counterKey(row);
    const current = sums.get(key);
    sums.set(
      key,
      current
        ? {
            ...current,
            reported: current.reported + row.reported,
            closed: current.closed + row.closed,
            deadlines_missed: current.deadlines_missed + row.deadlines_missed,
          }
        : { ...row },
    );
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
 * Writes rows into an empty, index-less shadow table (a rebuild) as they come: each full chunk is
 * one `COPY … FROM STDIN` of rows encoded as they are added (`copyLine`). The caller goes on
 * folding while the database writes; at most one chunk is in flight.
 */
class BulkWriter<R extends object> {
  private lines: string[] = [];
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly manager: EntityManager,
    private readonly table: string,
    private readonly columns: readonly (keyof R & string)[],
    private readonly chunkSize: number,
  ) {}

  async add(rows: readonly R[]): Promise<void> {
    for (const row of rows) this.lines.push(copyLine(this.columns.map((column) => row[column])));
    if (this.lines.length >= this.chunkSize) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  private async flush(): Promise<void> {
    const lines = this.lines;
    this.lines = [];
    if (lines.length === 0) return;
    await this.writing;
    this.writing = serialCopyIn(this.manager, this.table, this.columns, lines.join(''));
  }
}

const CASE_COLUMNS: readonly (keyof CaseRow)[] = [
  'id',
  'case_number',
  'type',
  'reported_type',
  'unit_id',
  'stage',
  'channel',
  'unclassified',
  'category',
  'reported_at',
  'occurred_at',
  'reported_by',
  'assignee',
  'description',
  'next_due_at',
  'missed_deadlines',
  'version',
  'closed_at',
  'state',
];

const TASK_COLUMNS: readonly (keyof TaskRow)[] = [
  'id',
  'case_id',
  'case_number',
  'case_type',
  'kind',
  'assignee',
  'assignee_role',
  'unit_id',
  'due_at',
  'deadline_id',
  'action_id',
  'status',
  'created_at',
  'completed_at',
];

const COUNTER_COLUMNS: readonly (keyof CounterRow)[] = [
  'unit_id',
  'type',
  'month',
  'reported',
  'closed',
  'deadlines_missed',
];

export const CASE_READ_MODEL_TABLES = ['rm_cases', 'rm_tasks', 'rm_case_counters'] as const;

/** Keeps the live consumer out until the rebuild's transaction ends; readers go on reading the old rows. */
export async function lockCaseReadModels(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE ${CASE_READ_MODEL_TABLES.join(', ')} IN EXCLUSIVE MODE`);
}

/**
 * Writes a rebuilt case read model into fresh tables, case by case as the fold finishes them, and
 * swaps the tables in at the end (ADR 0012). The task inbox is shared with other registers: their
 * rows are carried over (rm_tasks.case_type is the register's aggregate type there).
 */
export async function startRebuiltCaseReadModels(manager: EntityManager): Promise<{
  add: (row: CaseRow, tasks: readonly TaskRow[]) => Promise<void>;
  finish: (counters: readonly CounterRow[]) => Promise<void>;
}> {
  const shadows = await createShadowTables(manager, CASE_READ_MODEL_TABLES);
  const shadow = (table: string) => shadows.find((s) => s.table === table)!.shadow;
  await manager.query(
    `INSERT INTO ${shadow('rm_tasks')} SELECT * FROM rm_tasks WHERE case_type <> ALL($1::text[])`,
    [[...CASE_TYPES]],
  );
  // A case row carries its whole state (kilobytes of JSON): smaller chunks for it.
  const cases = new BulkWriter(manager, shadow('rm_cases'), CASE_COLUMNS, 1000);
  const tasks = new BulkWriter(manager, shadow('rm_tasks'), TASK_COLUMNS, 10000);
  return {
    add: async (row, taskRows) => {
      await cases.add([row]);
      await tasks.add(taskRows);
    },
    finish: async (counters) => {
      await cases.close();
      await tasks.close();
      const counterWriter = new BulkWriter(manager, shadow('rm_case_counters'), COUNTER_COLUMNS, 10000);
      await counterWriter.add(sumCounters(counters));
      await counterWriter.close();
      await swapShadowTables(manager, shadows);
    },
  };
}
