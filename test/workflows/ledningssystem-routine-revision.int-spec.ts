import { randomUUID } from 'node:crypto';
import { stockholmDateOf } from '@kvalitet/domain';
import type { AdoptionDecision, RoutineState } from '@kvalitet/domain';
import { DAY, KVALITET, LedningssystemHarness } from './support/ledningssystem-harness';

const DECISION: AdoptionDecision = {
  decidedBy: 'forvaltningschef',
  decidedOn: '2026-01-15',
  reference: 'FC 2026/12',
};

/** PR-5, DL-32: a routine due for revision gives its owner a task ahead of time and escalates if it lapses. */
describe('routine revision (time-skipping server, real activity on Postgres)', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function adoptedRoutine(interval = 'P1Y'): Promise<{ id: string; state: RoutineState }> {
    const id = randomUUID();
    await h.command('routine', id, {
      type: 'register',
      actor: KVALITET,
      data: {
        routineId: id,
        kind: 'routine',
        level: 3,
        code: `RUT-${id.slice(0, 4)}`,
        title: 'Läkemedelshantering',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: interval,
      },
    });
    const validFrom = stockholmDateOf(await h.now());
    const state = await h.command<RoutineState>('routine', id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '1.0', decision: DECISION, validFrom, changeNote: 'Ny rutin' },
    });
    return { id, state };
  }

  it("opens the owner's task 60 days ahead, escalates up the chain after the date, and a new version closes it all", async () => {
    const { id, state } = await adoptedRoutine();
    const due = Date.parse(`${state.nextRevisionDue}T00:00:00+01:00`);
    // Nothing during the year.
    await h.advance(due - (await h.now()).getTime() - 61 * DAY);
    expect((await h.state<RoutineState>('routine', id)).tasks).toEqual([]);

    // 60 days ahead: the owner's task, due on the revision date.
    await h.advance(2 * DAY);
    const noticed = await h.settle<RoutineState>('routine', id, (tasks) => tasks.length === 1);
    expect(noticed.tasks[0]).toMatchObject({
      kind: 'routine_revision',
      assignee: 'enhetschef',
      level: 0,
      status: 'open',
    });
    expect(Date.parse(noticed.tasks[0]!.dueAt)).toBe(new Date(due).getTime());

    // Lapsed: escalated to the unit manager role, then a week later to the division manager.
    await h.advance(60 * DAY);
    const escalated = await h.settle<RoutineState>('routine', id, (tasks) => tasks.length === 2);
    expect(escalated.tasks[1]).toMatchObject({
      kind: 'routine_revision_escalation',
      assigneeRole: 'unit_manager',
      level: 1,
    });
    await h.advance(7 * DAY + 1000);
    const twice = await h.settle<RoutineState>('routine', id, (tasks) => tasks.length === 3);
    expect(twice.tasks[2]).toMatchObject({ assigneeRole: 'division_manager', level: 2 });

    // The revision: a new version closes every task and sets the next date a year on.
    const validFrom = stockholmDateOf(await h.now());
    const revised = await h.command<RoutineState>('routine', id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '2.0', decision: DECISION, validFrom, changeNote: 'Reviderad' },
    });
    expect(revised.tasks.every((t) => t.status === 'done')).toBe(true);
    await h.advance(30 * DAY);
    expect((await h.state<RoutineState>('routine', id)).tasks).toHaveLength(3);
  });

  it('a repealed routine ends its workflow', async () => {
    const { id } = await adoptedRoutine();
    await h.command('routine', id, {
      type: 'repeal',
      actor: KVALITET,
      data: { decision: DECISION, reason: 'Ersatt' },
    });
    const deadline = Date.now() + 20_000;
    while ((await h.workflowStatus('routine', id)) === 'RUNNING' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await h.workflowStatus('routine', id)).toBe('COMPLETED');
  });
});
