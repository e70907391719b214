import type { EntityManager } from 'typeorm';
import { RISK_ASSESSMENT_TASK_SOURCE, type RiskAssessmentView } from '@kvalitet/domain';

/** The list row of `rm_risk_assessments` and the inbox rows of `rm_tasks` for one assessment. */
export async function upsertRiskAssessment(manager: EntityManager, view: RiskAssessmentView): Promise<void> {
  const open = view.actions.filter((action) => action.status === 'open');
  const nextDue = open.map((action) => action.dueAt).sort()[0] ?? null;
  await manager.query(
    `INSERT INTO rm_risk_assessments (id, reference, title, unit_id, trigger, stage, owner, risk_count, max_score, max_level,
                                      current_max_score, open_actions, missed_actions, next_due_at, pattern_key, created_at,
                                      closed_at, version, view, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
     ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, title = EXCLUDED.title, unit_id = EXCLUDED.unit_id,
       trigger = EXCLUDED.trigger, stage = EXCLUDED.stage, owner = EXCLUDED.owner, risk_count = EXCLUDED.risk_count,
       max_score = EXCLUDED.max_score, max_level = EXCLUDED.max_level, current_max_score = EXCLUDED.current_max_score,
       open_actions = EXCLUDED.open_actions, missed_actions = EXCLUDED.missed_actions, next_due_at = EXCLUDED.next_due_at,
       pattern_key = EXCLUDED.pattern_key, closed_at = EXCLUDED.closed_at, version = EXCLUDED.version, view = EXCLUDED.view,
       updated_at = now()
     WHERE rm_risk_assessments.version <= EXCLUDED.version`,
    [
      view.id,
      view.reference,
      view.title,
      view.unitId,
      view.trigger,
      view.stage,
      view.owner,
      view.risks.length,
      view.maxScore,
      view.maxLevel,
      view.currentMaxScore,
      open.length,
      view.actions.filter((action) => action.deadline.status === 'missed').length,
      nextDue,
      view.pattern?.key ?? null,
      view.createdAt,
      view.closedAt,
      view.version,
      JSON.stringify(view),
    ],
  );
  if (view.tasks.length === 0) return;
  const tasks = view.tasks;
  const column = <T>(pick: (task: RiskAssessmentView['tasks'][number]) => T) => tasks.map(pick);
  await manager.query(
    `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
     SELECT t.id, $2::uuid, $3, $4, t.kind, t.assignee, t.assignee_role, t.unit_id, t.due_at, NULL, t.action_id, t.status, t.created_at, t.completed_at
       FROM unnest($1::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[])
            AS t(id, kind, assignee, assignee_role, unit_id, due_at, action_id, status, created_at, completed_at)
     ON CONFLICT (id) DO UPDATE SET case_number = EXCLUDED.case_number, assignee = EXCLUDED.assignee, assignee_role = EXCLUDED.assignee_role,
       unit_id = EXCLUDED.unit_id, due_at = EXCLUDED.due_at, status = EXCLUDED.status, completed_at = EXCLUDED.completed_at`,
    [
      column((t) => t.id),
      view.id,
      view.reference,
      RISK_ASSESSMENT_TASK_SOURCE,
      column((t) => t.kind),
      column((t) => t.assignee),
      column((t) => t.assigneeRole),
      column((t) => t.unitId),
      column((t) => t.dueAt),
      column((t) => t.actionId),
      column((t) => t.status),
      column((t) => t.createdAt),
      column((t) => t.completedAt),
    ],
  );
}

export async function lockAndClearRiskAssessments(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE rm_risk_assessments, rm_tasks IN EXCLUSIVE MODE`);
  await manager.query(`DELETE FROM rm_tasks WHERE case_type = $1`, [RISK_ASSESSMENT_TASK_SOURCE]);
  await manager.query(`DELETE FROM rm_risk_assessments`);
}
