import { randomUUID } from 'node:crypto';
import { proposeArshjul, stockholmDateOf } from '@kvalitet/domain';
import type { ArshjulState, LsActor } from '@kvalitet/domain';
import { DAY, KVALITET, LedningssystemHarness } from './support/ledningssystem-harness';

const MAS: LsActor = { username: 'mas', roles: ['mas'] };

/**
 * The årshjul's items are duties like every other register's (AUD-13, DL-31): one duty workflow per
 * plan reminds the owner 30 days before the date and escalates up the chain when it lapses.
 */
describe('årshjul: reminders and escalation of its items (time-skipping server)', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function plan(ids: string[]): Promise<{ id: string; year: number }> {
    const id = randomUUID();
    const year = Number(stockholmDateOf(await h.now()).slice(0, 4)) + 1;
    await h.command('arshjul', id, {
      type: 'create-plan',
      actor: KVALITET,
      data: {
        planId: id,
        boardId: 'socialnamnden',
        unitId: 'forvaltning',
        year,
        items: proposeArshjul(year).filter((i) => ids.includes(i.id)),
      },
    });
    return { id, year };
  }

  /** Midnight Stockholm (summer time) after `date`: when an item on `date` is late. */
  const lateAt = (date: string) => Date.parse(`${date}T22:00:00Z`);

  it('SAS gets her proactive review 30 days ahead; when it lapses, kvalitet and then the förvaltningschef are told', async () => {
    const { id, year } = await plan(['sas_proaktiv_granskning-1']);
    const due = lateAt(`${year}-05-31`);
    await h.advance(due - 31 * DAY - (await h.now()).getTime());
    expect((await h.state<ArshjulState>('arshjul', id)).tasks).toEqual([]);

    await h.advance(2 * DAY);
    const reminded = await h.settle<ArshjulState>('arshjul', id, (tasks) => tasks.length === 1);
    expect(reminded.tasks[0]).toMatchObject({
      dutyKey: `item/sas_proaktiv_granskning-1/${year}-05-31`,
      kind: 'arshjul_item',
      assigneeRole: 'lex_sarah_investigator',
      unitId: 'forvaltning',
      level: 0,
      status: 'open',
    });

    await h.advance(30 * DAY);
    const escalated = await h.settle<ArshjulState>('arshjul', id, (tasks) => tasks.length === 2);
    expect(escalated.tasks[1]).toMatchObject({
      kind: 'arshjul_item_escalation',
      assigneeRole: 'quality_coordinator',
      level: 1,
    });

    await h.advance(8 * DAY);
    const top = await h.settle<ArshjulState>('arshjul', id, (tasks) => tasks.length === 3);
    expect(top.tasks[2]).toMatchObject({
      kind: 'arshjul_item_escalation',
      assigneeRole: 'director',
      level: 2,
    });
    // The top of the chain is reached: no more escalations.
    await h.advance(30 * DAY);
    expect((await h.state<ArshjulState>('arshjul', id)).tasks).toHaveLength(3);
  });

  it('an item marked done before its date closes its reminder and is never escalated; the workflow ends with the plan', async () => {
    const { id, year } = await plan(['lakemedelsgenomgang']);
    const due = lateAt(`${year}-09-30`);
    await h.advance(due - 29 * DAY - (await h.now()).getTime());
    await h.settle<ArshjulState>('arshjul', id, (tasks) => tasks.length === 1);
    const doneOn = stockholmDateOf(await h.now());
    await h.command('arshjul', id, {
      type: 'mark-done',
      actor: MAS,
      data: { itemId: 'lakemedelsgenomgang', doneOn, note: 'Genomgång på Solgården' },
    });
    const settled = await h.settle<ArshjulState>('arshjul', id, (tasks) => tasks[0]?.status === 'done');
    expect(settled.items[0]).toMatchObject({ status: 'done', doneOn, doneBy: 'mas' });
    await h.advance(40 * DAY);
    expect((await h.state<ArshjulState>('arshjul', id)).tasks).toHaveLength(1);
    // Every item is done or cancelled: no duty can arise, so the plan's process manager finishes.
    const deadline = Date.now() + 20_000;
    while ((await h.workflowStatus('arshjul', id)) === 'RUNNING' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await h.workflowStatus('arshjul', id)).toBe('COMPLETED');
  });
});
