import type { DataSource } from 'typeorm';

/**
 * Migrations that were first given 14-digit timestamps. TypeORM orders by the number, so they sat
 * in the year 2212 and a correctly numbered later migration would have run before them on a fresh
 * database. They now carry 13 digits (the same instant with the extra zero dropped); a database that
 * ran them under the old name gets its `schema_migrations` rows renamed before the run, so nothing
 * runs twice.
 */
export const RENUMBERED_MIGRATIONS: ReadonlyArray<readonly [oldName: string, newName: string]> = [
  'StatisticsTimelines17641500000000',
  'CaseStateUncompressed17641600000000',
  'DeadLetterReplay17641700000000',
  'Classifications17641800000000',
  'AccessLogSearches17641824000000',
  'UserNotifications17641910000000',
  'RetentionLog17642000000000',
  'MailCaseId17642010000000',
  'CaseDataKeys17642100000000',
  'AccessLogReason17642200000000',
  'ReportVersions17642900000000',
].map((oldName) => [oldName, oldName.slice(0, -1)] as const);

const TIMESTAMP = /(\d+)$/;

/** Renames the rows of migrations that ran under their 14-digit names; a no-op on a fresh database. */
export async function renameRenumberedMigrations(dataSource: DataSource, table: string): Promise<number> {
  const rows: { present: boolean }[] = await dataSource.query(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [table],
  );
  if (!rows[0]?.present) return 0;
  let renamed = 0;
  for (const [oldName, newName] of RENUMBERED_MIGRATIONS) {
    const result: [unknown[], number] = await dataSource.query(
      `UPDATE "${table}" SET name = $2, timestamp = $3 WHERE name = $1`,
      [oldName, newName, Number(TIMESTAMP.exec(newName)![1])],
    );
    renamed += result[1];
  }
  return renamed;
}
