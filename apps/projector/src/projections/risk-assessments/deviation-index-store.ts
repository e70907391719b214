import type { EntityManager } from 'typeorm';
import type { CaseType, DeviationIndexEntry } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';

interface IndexRow {
  case_id: string;
  unit_id: string;
  case_type: string;
  category: string | null;
  at: Date;
}

const str = (data: Record<string, unknown>, key: string): string | undefined =>
  typeof data[key] === 'string' ? (data[key] as string) : undefined;

/** Folds case events into index entries (the last word per case wins); other events are ignored. */
export function foldDeviationEntries(
  events: readonly EventEnvelope[],
  known: ReadonlyMap<string, DeviationIndexEntry>,
): Map<string, DeviationIndexEntry> {
  const changed = new Map<string, DeviationIndexEntry>();
  for (const event of events) {
    if (event.aggregateType !== 'case') continue;
    const d = event.data;
    if (event.type === 'CaseReported') {
      const when = str(d, 'occurredAt') ?? str(d, 'reportedAt') ?? event.occurredAt;
      const at = Date.parse(when);
      changed.set(event.aggregateId, {
        caseId: event.aggregateId,
        unitId: str(d, 'unitId') ?? '',
        caseType: (str(d, 'type') ?? '') as CaseType,
        category: null,
        at: Number.isNaN(at) ? Date.parse(event.occurredAt) : at,
      });
    } else if (event.type === 'CaseClassified') {
      const before = changed.get(event.aggregateId) ?? known.get(event.aggregateId);
      if (!before) continue;
      changed.set(event.aggregateId, {
        ...before,
        caseType: (str(d, 'toType') ?? before.caseType) as CaseType,
        category: str(d, 'category') ?? before.category,
        unitId: str(d, 'toUnitId') ?? before.unitId,
      });
    }
  }
  return changed;
}

function toEntry(row: IndexRow): DeviationIndexEntry {
  return {
    caseId: row.case_id,
    unitId: row.unit_id,
    caseType: row.case_type as CaseType,
    category: row.category,
    at: new Date(row.at).getTime(),
  };
}

export async function loadIndexEntries(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<Map<string, DeviationIndexEntry>> {
  if (caseIds.length === 0) return new Map();
  const rows: IndexRow[] = await manager.query(
    `SELECT case_id, unit_id, case_type, category, at FROM rm_deviation_index WHERE case_id = ANY($1::uuid[]) ORDER BY case_id FOR UPDATE`,
    [caseIds],
  );
  return new Map(rows.map((row) => [row.case_id, toEntry(row)]));
}

export async function upsertIndexEntries(
  manager: EntityManager,
  entries: readonly DeviationIndexEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 2000) {
    const chunk = entries.slice(i, i + 2000);
    await manager.query(
      `INSERT INTO rm_deviation_index (case_id, unit_id, case_type, category, at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       ON CONFLICT (case_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, case_type = EXCLUDED.case_type,
         category = EXCLUDED.category, at = EXCLUDED.at`,
      [
        chunk.map((e) => e.caseId),
        chunk.map((e) => e.unitId),
        chunk.map((e) => e.caseType),
        chunk.map((e) => e.category),
        chunk.map((e) => new Date(e.at).toISOString()),
      ],
    );
  }
}

/** The entries of one (type, category) group with `from <= at <= to`, oldest first. */
export async function loadGroupWindow(
  manager: EntityManager,
  caseType: string,
  category: string | null,
  from: number,
  to: number,
): Promise<DeviationIndexEntry[]> {
  const rows: IndexRow[] = await manager.query(
    `SELECT case_id, unit_id, case_type, category, at FROM rm_deviation_index
      WHERE case_type = $1 AND category IS NOT DISTINCT FROM $2 AND at >= $3 AND at <= $4
      ORDER BY at, case_id`,
    [caseType, category, new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows.map(toEntry);
}
