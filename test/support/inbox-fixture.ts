import type { DataSource } from 'typeorm';

/** The kinds the fixture spreads its tasks over: case tasks and register tasks, as a busy unit has them. */
export const FIXTURE_TASK_KINDS = [
  { caseType: 'deviation', kind: 'acknowledge', prefix: 'AV-2025-' },
  { caseType: 'complaint', kind: 'escalation', prefix: 'KL-2025-' },
  { caseType: 'egenkontroll', kind: 'egenkontroll_control', prefix: 'Egenkontroll ' },
  { caseType: 'routine', kind: 'routine_revision_escalation', prefix: 'Rutin ' },
] as const;

/**
 * `count` open tasks for the role `assigneeRole` in `unitId`, written straight into the inbox's read
 * model (a test fixture: no events behind them). Created over the past `count` minutes before an
 * hour ago, so anything reported now is newer; one in three was due yesterday or earlier (overdue),
 * the rest are due in the coming weeks. Returns how many of each kind and how many are overdue.
 */
export async function insertInboxTasks(
  dataSource: DataSource,
  options: { count: number; unitId: string; assigneeRole: string },
): Promise<{ byKind: Record<string, number>; overdue: number }> {
  const kinds = FIXTURE_TASK_KINDS;
  await dataSource.query(
    `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, status, created_at)
     SELECT gen_random_uuid(), gen_random_uuid(),
            ($1::text[])[i % $4 + 1] || lpad(i::text, 5, '0'),
            ($2::text[])[i % $4 + 1], ($3::text[])[i % $4 + 1],
            NULL, $5, $6,
            CASE WHEN i % 3 = 0 THEN now() - make_interval(days => 1 + i % 200)
                 ELSE now() + make_interval(days => 1 + i % 60) END,
            'open', now() - interval '1 hour' - make_interval(mins => i)
       FROM generate_series(1, $7::int) AS i`,
    [
      kinds.map((k) => k.prefix),
      kinds.map((k) => k.caseType),
      kinds.map((k) => k.kind),
      kinds.length,
      options.assigneeRole,
      options.unitId,
      options.count,
    ],
  );
  await dataSource.query(`ANALYZE rm_tasks`);
  const byKind: Record<string, number> = {};
  let overdue = 0;
  for (let i = 1; i <= options.count; i++) {
    const kind = kinds[i % kinds.length]!.kind;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (i % 3 === 0) overdue++;
  }
  return { byKind, overdue };
}
