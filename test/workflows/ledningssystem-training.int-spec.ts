import { randomUUID } from 'node:crypto';
import { stockholmDateOf } from '@kvalitet/domain';
import type { TrainingRecordState } from '@kvalitet/domain';
import { DAY, LedningssystemHarness } from './support/ledningssystem-harness';

const CHEF = { username: 'enhetschef', roles: ['unit_manager'] };

/** DL-29: lex Sarah information at hire and then yearly, with reminders and escalation. */
describe('lex Sarah information reminders (time-skipping server, real activity on Postgres)', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reminds the unit manager at hire, escalates after 14 days, and a year after the information reminds again', async () => {
    const id = randomUUID();
    const hiredOn = stockholmDateOf(await h.now());
    await h.command('training', id, {
      type: 'register-employee',
      actor: CHEF,
      data: { recordId: id, username: 'ny.medarbetare', unitId: 'solgarden', hiredOn },
    });
    const atHire = await h.settle<TrainingRecordState>('training', id, (tasks) => tasks.length === 1);
    expect(atHire.tasks[0]).toMatchObject({
      kind: 'lex_sarah_information',
      assigneeRole: 'unit_manager',
      unitId: 'solgarden',
    });

    await h.advance(15 * DAY);
    const escalated = await h.settle<TrainingRecordState>('training', id, (tasks) => tasks.length === 2);
    expect(escalated.tasks[1]).toMatchObject({
      kind: 'lex_sarah_information_escalation',
      assigneeRole: 'division_manager',
    });

    const informedOn = stockholmDateOf(await h.now());
    const informed = await h.command<TrainingRecordState>('training', id, {
      type: 'record-information',
      actor: CHEF,
      data: { informedOn, method: 'introduktion', acknowledged: true },
    });
    expect(informed.tasks.every((t) => t.status === 'done')).toBe(true);

    // Nothing until 30 days before the yearly date, then the reminder.
    await h.advance(300 * DAY);
    expect((await h.state<TrainingRecordState>('training', id)).tasks).toHaveLength(2);
    await h.advance(40 * DAY);
    const yearly = await h.settle<TrainingRecordState>('training', id, (tasks) => tasks.length === 3);
    expect(yearly.tasks[2]).toMatchObject({
      kind: 'lex_sarah_information',
      status: 'open',
      dutyKey: `information/${informed.nextDue}`,
    });
  });
});
