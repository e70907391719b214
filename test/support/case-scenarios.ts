import { randomUUID } from 'node:crypto';
import type { CaseActor } from '@kvalitet/domain';
import type { CaseCommandInput, CaseCommandService } from '@kvalitet/persistence';

export const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
export const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
export const SYSTEM: CaseActor = { username: 'system', roles: ['system'] };

const UNITS = ['solgarden', 'hemtjanst-norr', 'ekbacken', 'forsorjningsstod'] as const;

/**
 * Drives one deviation through as many steps of its life as `steps` says (0 = only reported), with
 * the same commands the api and the workflows use. Deterministic apart from ids.
 */
export async function runDeviationScenario(
  cases: CaseCommandService,
  index: number,
  steps: number,
): Promise<string> {
  const reported = await cases.report(
    {
      type: 'deviation',
      unitId: UNITS[index % UNITS.length]!,
      occurredAt: '2026-11-20T14:05:00+01:00',
      description: `Händelse nummer ${index}: fel läkemedel gavs ut`,
      immediateActions: 'Sjuksköterska kontaktades',
      channel: 'staff_form',
    },
    STAFF,
  );
  const caseId = reported.state.id;
  const taskId = randomUUID();
  const actionId = randomUUID();
  const plan: CaseCommandInput[] = [
    {
      type: 'create-task',
      actor: SYSTEM,
      data: { taskId, kind: 'acknowledge', assigneeRole: 'unit_manager' },
    },
    {
      type: 'start-deadline',
      actor: SYSTEM,
      data: {
        deadlineId: randomUUID(),
        kind: 'investigation',
        dueAt: '2026-12-20T14:05:00Z',
        policyVersion: 1,
      },
    },
    { type: 'acknowledge', actor: MANAGER, data: { note: 'Mottagen' } },
    { type: 'assign', actor: MANAGER, data: { assignee: 'enhetschef' } },
    { type: 'start-investigation', actor: MANAGER, data: {} },
    {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 'Rutinen följdes inte', causes: ['routine'] },
    },
    {
      type: 'add-action',
      actor: MANAGER,
      data: {
        actionId,
        title: 'Utbilda personalen',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: '2027-01-31T12:00:00Z',
      },
    },
    { type: 'complete-action', actor: MANAGER, data: { actionId, result: 'Utbildning genomförd' } },
    { type: 'follow-up', actor: MANAGER, data: { effective: true, note: 'Inga nya avvikelser' } },
    { type: 'close', actor: MANAGER, data: { summary: 'Avslutad efter uppföljning' } },
  ];
  for (const command of plan.slice(0, steps)) await cases.execute(caseId, command);
  return caseId;
}

export const DEVIATION_SCENARIO_STEPS = 10;
