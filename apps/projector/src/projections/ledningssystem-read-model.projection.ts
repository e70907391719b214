import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import { ledningssystemAggregate, ledningssystemAggregateTypes } from '@kvalitet/domain';
import type { LsStateBase } from '@kvalitet/domain';
import { DELEGATION_REGISTER_ID } from '@kvalitet/persistence';
import type { Projection } from './projection';
import { writeAppointmentAlerts } from './ledningssystem-appointment-alerts';
import { ledningssystemTopics } from './ledningssystem-orchestrator';

export const LEDNINGSSYSTEM_READ_MODEL = 'ledningssystem-read-model';

interface Folded {
  type: string;
  state: LsStateBase | null;
  version: number;
  changed: boolean;
}

type WithStatus = LsStateBase & { status?: string; unitId?: string };

function fold(folded: Folded, event: EventEnvelope): void {
  const aggregate = ledningssystemAggregate(event.aggregateType);
  if (!aggregate || event.version <= folded.version) return;
  folded.state = aggregate.evolve(
    folded.state,
    { type: event.type, data: event.data } as never,
    event.version,
  );
  folded.version = event.version;
  folded.changed = true;
}

/** Folds the event into its aggregate's row, starting a row for an aggregate not seen before. */
function foldInto(rows: Map<string, Folded>, event: EventEnvelope): void {
  let folded = rows.get(event.aggregateId);
  if (!folded) {
    folded = { type: event.aggregateType, state: null, version: 0, changed: false };
    rows.set(event.aggregateId, folded);
  }
  fold(folded, event);
}

async function write(manager: EntityManager, rows: Map<string, Folded>): Promise<void> {
  const items: object[] = [];
  const tasks: object[] = [];
  for (const [id, f] of rows) {
    if (!f.changed || !f.state) continue;
    const aggregate = ledningssystemAggregate(f.type)!;
    const state = f.state as WithStatus;
    const label = aggregate.label(f.state);
    items.push({
      id,
      aggregate_type: f.type,
      unit_id: state.unitId ?? 'forvaltning',
      label,
      status: state.status ?? 'active',
      version: f.version,
      state: f.state,
    });
    for (const t of f.state.tasks)
      tasks.push({
        id: t.id,
        case_id: id,
        case_number: label,
        case_type: f.type,
        kind: t.kind,
        assignee: t.assignee,
        assignee_role: t.assigneeRole,
        unit_id: t.unitId,
        due_at: t.dueAt,
        deadline_id: t.dutyKey,
        action_id: null,
        status: t.status,
        created_at: t.createdAt,
        completed_at: t.completedAt,
      });
  }
  if (items.length > 0)
    await manager.query(
      `INSERT INTO rm_ledningssystem (id, aggregate_type, unit_id, label, status, version, state, updated_at)
       SELECT id, aggregate_type, unit_id, label, status, version, state, now() FROM jsonb_populate_recordset(NULL::rm_ledningssystem, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, label = EXCLUDED.label, status = EXCLUDED.status,
         version = EXCLUDED.version, state = EXCLUDED.state, updated_at = now()`,
      [JSON.stringify(items)],
    );
  if (tasks.length > 0)
    await manager.query(
      `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
       SELECT id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at
         FROM jsonb_populate_recordset(NULL::rm_tasks, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET case_number = EXCLUDED.case_number, assignee = EXCLUDED.assignee, assignee_role = EXCLUDED.assignee_role,
         unit_id = EXCLUDED.unit_id, due_at = EXCLUDED.due_at, status = EXCLUDED.status, completed_at = EXCLUDED.completed_at`,
      [JSON.stringify(tasks)],
    );
}

/**
 * The registers of the ledningssystem (`rm_ledningssystem`, one row per aggregate with its folded
 * state) and their tasks in the common inbox (`rm_tasks`, `case_type` = the register). Folds on top
 * of the stored state with a version guard, so a redelivered event changes nothing.
 */
export function createLedningssystemReadModelProjection(options: { namespace?: string } = {}): Projection {
  return {
    name: LEDNINGSSYSTEM_READ_MODEL,
    // The policy topic too: a save of the delegation register changes which förordnanden are missing (ADR 0034).
    topics: [...ledningssystemTopics(options.namespace), topicForAggregate('policy', options.namespace)],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const mine = events.filter((e) => ledningssystemAggregate(e.aggregateType));
      if (mine.length === 0) {
        if (events.some((e) => e.aggregateId === DELEGATION_REGISTER_ID))
          await writeAppointmentAlerts(manager);
        return;
      }
      const ids = [...new Set(mine.map((e) => e.aggregateId))].sort();
      const stored: { id: string; aggregate_type: string; version: number; state: LsStateBase }[] =
        await manager.query(
          `SELECT id, aggregate_type, version, state FROM rm_ledningssystem WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
          [ids],
        );
      const rows = new Map<string, Folded>(
        stored.map((r) => [
          r.id,
          { type: r.aggregate_type, state: r.state, version: r.version, changed: false },
        ]),
      );
      for (const event of mine) foldInto(rows, event);
      await write(manager, rows);
      if (events.some((e) => e.aggregateType === 'appointment' || e.aggregateId === DELEGATION_REGISTER_ID))
        await writeAppointmentAlerts(manager);
    },
    reset: async (manager) => {
      await manager.query(`LOCK TABLE rm_ledningssystem IN EXCLUSIVE MODE`);
      await manager.query(`DELETE FROM rm_tasks WHERE case_type = ANY($1::text[])`, [
        ledningssystemAggregateTypes(),
      ]);
      await manager.query(`DELETE FROM rm_ledningssystem`);
    },
    writeRebuilt: async (manager, pages) => {
      const rows = new Map<string, Folded>();
      for await (const page of pages)
        for (const event of page) {
          if (ledningssystemAggregate(event.aggregateType)) foldInto(rows, event);
        }
      await write(manager, rows);
      await writeAppointmentAlerts(manager);
      return rows.size;
    },
  };
}
