import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import { IMPROVEMENT_TASK_SOURCE, buildImprovementView, type ImprovementEvent } from '@kvalitet/domain';
import { EventStore, IMPROVEMENT_AGGREGATE, toImprovementEvents } from '@kvalitet/persistence';
import type { Projection } from '../projection';

export const IMPROVEMENT_READ_MODEL = 'improvement-read-model';

async function upsert(manager: EntityManager, events: readonly ImprovementEvent[]): Promise<boolean> {
  const view = buildImprovementView(events);
  if (!view) return false;
  const lesson = view.kind === 'lesson';
  await manager.query(
    `INSERT INTO rm_improvements (id, kind, reference, unit_id, target_unit_ids, stage, title, proposer, owner, due_at, created_at, version, view, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
     ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage, title = EXCLUDED.title, owner = EXCLUDED.owner, due_at = EXCLUDED.due_at,
       version = EXCLUDED.version, view = EXCLUDED.view, updated_at = now()
     WHERE rm_improvements.version <= EXCLUDED.version`,
    [
      view.id,
      view.kind,
      view.reference,
      lesson ? view.sourceUnitId : view.unitId,
      lesson ? view.targetUnitIds : [],
      view.stage,
      view.title,
      lesson ? null : view.proposer,
      lesson ? null : (view.plan?.owner ?? null),
      lesson ? view.dueAt : (view.plan?.dueAt ?? null),
      view.createdAt,
      view.version,
      JSON.stringify(view),
    ],
  );
  if (view.tasks.length === 0) return true;
  const tasks = view.tasks;
  await manager.query(
    `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
     SELECT t.id, $2::uuid, $3, $4, t.kind, t.assignee, t.assignee_role, t.unit_id, t.due_at, NULL, NULL, t.status, $10::timestamptz, NULL
       FROM unnest($1::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $11::text[])
            AS t(id, kind, assignee, assignee_role, unit_id, due_at, status)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, due_at = EXCLUDED.due_at,
       completed_at = CASE WHEN EXCLUDED.status = 'done' THEN coalesce(rm_tasks.completed_at, now()) ELSE NULL END`,
    [
      tasks.map((t) => t.id),
      view.id,
      view.reference,
      IMPROVEMENT_TASK_SOURCE,
      tasks.map((t) => t.kind),
      tasks.map((t) => t.assignee),
      tasks.map((t) => t.assigneeRole),
      tasks.map((t) => t.unitId),
      tasks.map((t) => t.dueAt),
      view.createdAt,
      tasks.map((t) => t.status),
    ],
  );
  return true;
}

/**
 * Proposals, improvement actions and lessons (`rm_improvements`) and their tasks in the common inbox.
 * Each batch re-reads the whole stream of every improvement it touches, as the risk assessment list
 * does. Run after the case read model, whose rebuild empties rm_tasks.
 */
export function createImprovementReadModelProjection(options: { namespace?: string } = {}): Projection {
  return {
    name: IMPROVEMENT_READ_MODEL,
    topics: [topicForAggregate('improvement', options.namespace)],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const ids = [
        ...new Set(events.filter((e) => e.aggregateType === IMPROVEMENT_AGGREGATE).map((e) => e.aggregateId)),
      ].sort();
      const store = new EventStore(manager.connection);
      for (const id of ids) await upsert(manager, toImprovementEvents(await store.load(id, manager)));
    },
    reset: async (manager) => {
      await manager.query(`LOCK TABLE rm_improvements, rm_tasks IN EXCLUSIVE MODE`);
      await manager.query(`DELETE FROM rm_tasks WHERE case_type = $1`, [IMPROVEMENT_TASK_SOURCE]);
      await manager.query(`DELETE FROM rm_improvements`);
    },
    writeRebuilt: async (manager, pages) => {
      const streams = new Map<string, ImprovementEvent[]>();
      for await (const page of pages) {
        for (const event of page) {
          if (event.aggregateType !== IMPROVEMENT_AGGREGATE) continue;
          streams.set(event.aggregateId, [
            ...(streams.get(event.aggregateId) ?? []),
            ...toImprovementEvents([event]),
          ]);
        }
      }
      let count = 0;
      for (const events of streams.values()) if (await upsert(manager, events)) count += 1;
      return count;
    },
  };
}
