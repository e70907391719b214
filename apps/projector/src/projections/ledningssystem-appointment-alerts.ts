import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_APPOINTMENT_REQUIREMENTS,
  DEFAULT_DELEGATION_ITEMS,
  missingAppointments,
  oneAppointmentRegister,
  requirementLabel,
  stockholmDateOf,
} from '@kvalitet/domain';
import type { AppointmentState, DelegationItem } from '@kvalitet/domain';
import { DELEGATION_REGISTER_CHANGED, DELEGATION_REGISTER_ID } from '@kvalitet/persistence';

/** The delegation register in force: its last saved version, else the demo register (ADR 0034). */
async function currentDelegations(manager: EntityManager): Promise<readonly DelegationItem[]> {
  const [last]: { data: { items: DelegationItem[] } }[] = await manager.query(
    `SELECT data FROM events WHERE aggregate_id = $1 AND type = $2 ORDER BY version DESC LIMIT 1`,
    [DELEGATION_REGISTER_ID, DELEGATION_REGISTER_CHANGED],
  );
  return last ? last.data.items : DEFAULT_DELEGATION_ITEMS;
}

/** A stable id per requirement, so the alert task of "no SAS" is one row that opens and closes. */
export function requirementTaskId(key: string): string {
  const bytes = Buffer.from(
    createHash('sha1').update(`appointment-requirement\u0000${key}`, 'utf8').digest().subarray(0, 16),
  );
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A role a lifecycle needs with nobody appointed is an open task for the quality function (R-15,
 * AUD-5, AUD-6), not a silent gap; it is done as soon as an appointment in force fills it. Recomputed
 * from the appointments and the delegation register (one model, ADR 0034) whenever either changes
 * (and on rebuild).
 */
export async function writeAppointmentAlerts(manager: EntityManager, at: Date = new Date()): Promise<void> {
  const rows: { state: AppointmentState }[] = await manager.query(
    `SELECT state FROM rm_ledningssystem WHERE aggregate_type = 'appointment'`,
  );
  const appointments = oneAppointmentRegister(
    rows.map((r) => r.state),
    await currentDelegations(manager),
  );
  const missing = new Set(
    missingAppointments(appointments, stockholmDateOf(at)).map((m) => m.requirement.key),
  );
  const tasks = DEFAULT_APPOINTMENT_REQUIREMENTS.map((req) => ({
    id: requirementTaskId(req.key),
    case_id: requirementTaskId(req.key),
    case_number: `Förordnande saknas: ${requirementLabel(req)}`,
    case_type: 'appointment',
    kind: 'appointment_missing',
    assignee: null,
    assignee_role: 'quality_coordinator',
    unit_id: 'forvaltning',
    due_at: null,
    deadline_id: req.key,
    action_id: null,
    status: missing.has(req.key) ? 'open' : 'done',
    created_at: at.toISOString(),
    completed_at: missing.has(req.key) ? null : at.toISOString(),
  }));
  await manager.query(
    `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at)
     SELECT id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, action_id, status, created_at, completed_at
       FROM jsonb_populate_recordset(NULL::rm_tasks, $1::jsonb)
     ON CONFLICT (id) DO UPDATE SET case_number = EXCLUDED.case_number,
       status = EXCLUDED.status,
       created_at = CASE WHEN rm_tasks.status = 'done' AND EXCLUDED.status = 'open' THEN EXCLUDED.created_at ELSE rm_tasks.created_at END,
       completed_at = CASE WHEN EXCLUDED.status = 'open' THEN NULL WHEN rm_tasks.status = 'done' THEN rm_tasks.completed_at ELSE EXCLUDED.completed_at END`,
    [JSON.stringify(tasks)],
  );
}
