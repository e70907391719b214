import { CASE_TYPES, SUPPRESSION_THRESHOLD, type Organisation } from '@kvalitet/domain';
import { rowsOf } from '@kvalitet/persistence';
import type { Queryable } from '@kvalitet/reporting';
import type { CrossBoardReportDto } from './reports.dto';

/**
 * Samverkan across boards (AUD-20, ADR 0030): how many cases of each type each board had reported in
 * a year — counts only, never a case line, a unit or a date, so that one board's staff learn nothing
 * of another's cases. Counts of 1–2 are null as in the reports to the nämnd (REP-15); there are no
 * totals beside them, so a hidden cell cannot be got back by subtraction.
 */
export async function crossBoardCounts(
  db: Queryable,
  org: Organisation,
  period: { readonly year: number; readonly from: Date; readonly to: Date },
): Promise<CrossBoardReportDto> {
  const rows = rowsOf<{ unit_id: string; type: string; n: string }>(
    await db.query(
      `SELECT unit_id, type, count(*) AS n FROM rm_statistics_cases
        WHERE reported_at >= $1 AND reported_at < $2 GROUP BY unit_id, type`,
      [period.from.toISOString(), period.to.toISOString()],
    ),
  );
  const counts = new Map<string, number>();
  for (const row of rows) {
    const board = org.boardOf(row.unit_id);
    if (board === null) continue;
    const key = `${board}|${row.type}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
  }
  const items = org.boards.flatMap((board) =>
    CASE_TYPES.map((type) => {
      const n = counts.get(`${board.id}|${type}`) ?? 0;
      return {
        boardId: board.id,
        boardName: board.name,
        type,
        reported: n > 0 && n < SUPPRESSION_THRESHOLD ? null : n,
      };
    }),
  );
  return { year: period.year, threshold: SUPPRESSION_THRESHOLD, items };
}
