import { randomUUID } from 'node:crypto';
import { DEFAULT_DEADLINE_POLICY, TRAINING_AGGREGATE, dutyTimingsFromPolicy } from '@kvalitet/domain';
import { EventStore, LsCommandService, VersionConflictError } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const KVALITET = { username: 'kvalitet', roles: ['quality_coordinator'] };
const SYSTEM = { username: 'system', roles: ['system'] };
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/**
 * A register page loaded before the process manager opened its duty task is not stale (ADR 0041):
 * the person's command decides on the fresh state. A change by another person is still a conflict.
 */
describe('a register command with a view older only by the process manager’s duty tasks', () => {
  let db: TestDatabase;
  let records: LsCommandService<never, never, never>;
  beforeAll(async () => {
    db = await createTestDatabase();
    records = new LsCommandService(TRAINING_AGGREGATE, new EventStore(db.dataSource)) as never;
  });
  afterAll(async () => {
    await db.drop();
  });

  async function lateEmployee(): Promise<{ id: string; seenVersion: number }> {
    const id = randomUUID();
    const created = await records.execute(id, {
      type: 'register-employee',
      actor: KVALITET,
      data: { recordId: id, username: `m-${id.slice(0, 6)}`, unitId: 'solgarden', hiredOn: day(-30) },
    } as never);
    const seenVersion = (created.state as { version: number }).version;
    const advanced = await records.execute(id, {
      type: 'advance-duties',
      actor: SYSTEM,
      at: new Date().toISOString(),
      timings: dutyTimingsFromPolicy(DEFAULT_DEADLINE_POLICY),
      newId: () => randomUUID(),
    } as never);
    expect(advanced.events.map((e) => e.type)).toEqual(['DutyTasksOpened']);
    return { id, seenVersion };
  }

  const informed = (id: string, expectedVersion: number) =>
    records.execute(
      id,
      {
        type: 'record-information',
        actor: KVALITET,
        data: { informedOn: day(0), method: 'introduktion', acknowledged: true },
      } as never,
      { expectedVersion },
    );

  it('accepts "informed" sent from the page loaded before the duty task was opened', async () => {
    const { id, seenVersion } = await lateEmployee();
    const result = await informed(id, seenVersion);
    expect(result.events.map((e) => e.type)).toEqual(['LexSarahInformationGiven']);
    const state = result.state as { informations: unknown[]; tasks: { status: string }[] };
    expect(state.informations).toHaveLength(1);
    expect(state.tasks.every((task) => task.status !== 'open')).toBe(true);
  });

  it('still refuses a view older than another person’s change', async () => {
    const { id, seenVersion } = await lateEmployee();
    await records.execute(id, { type: 'move-unit', actor: KVALITET, data: { unitId: 'linden' } } as never);
    await expect(informed(id, seenVersion)).rejects.toBeInstanceOf(VersionConflictError);
  });
});
