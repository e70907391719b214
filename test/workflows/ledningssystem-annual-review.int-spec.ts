import { randomUUID } from 'node:crypto';
import { stockholmDateOf } from '@kvalitet/domain';
import type { InternkontrollState, LedningssystemDocumentState } from '@kvalitet/domain';
import { DAY, KVALITET, LedningssystemHarness } from './support/ledningssystem-harness';

const NAMND = { decidedBy: 'namnd', decidedOn: '2026-02-12', reference: 'SN 2026-02-12 § 14' };

/** DL-24, REP-13, AUD-4: the March review is a timer to next March; DL-25: the internkontroll plan before the year. */
describe('årshjul: the March review and the internkontroll plan (time-skipping server)', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the review task comes 30 days before the end of March next year, for kvalitet, and escalates to the director in April', async () => {
    const id = randomUUID();
    await h.command('ledningssystem', id, {
      type: 'create',
      actor: KVALITET,
      data: { documentId: id, unitId: 'forvaltning', title: 'Ledningssystem', owner: 'forvaltningschef' },
    });
    const validFrom = stockholmDateOf(await h.now());
    await h.command('ledningssystem', id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: {
        version: '1.0',
        decision: NAMND,
        validFrom,
        changeNote: 'Nytt',
        revisionRule: 'Vartannat år',
        followUpRule: 'Årligen i mars',
      },
    });
    const year = Number(validFrom.slice(0, 4)) + 1;
    const due = Date.parse(`${year}-03-31T22:00:00Z`);

    await h.advance(due - 31 * DAY - (await h.now()).getTime());
    expect((await h.state<LedningssystemDocumentState>('ledningssystem', id)).tasks).toEqual([]);
    await h.advance(2 * DAY);
    const opened = await h.settle<LedningssystemDocumentState>(
      'ledningssystem',
      id,
      (tasks) => tasks.length === 1,
    );
    expect(opened.tasks[0]).toMatchObject({
      dutyKey: `review/${year}`,
      kind: 'ledningssystem_review',
      assigneeRole: 'quality_coordinator',
      unitId: 'forvaltning',
    });

    await h.advance(31 * DAY);
    const escalated = await h.settle<LedningssystemDocumentState>(
      'ledningssystem',
      id,
      (tasks) => tasks.length === 2,
    );
    expect(escalated.tasks[1]).toMatchObject({
      kind: 'ledningssystem_review_escalation',
      assigneeRole: 'director',
    });
    // The top of the chain is reached: no more escalations.
    await h.advance(30 * DAY);
    expect((await h.state<LedningssystemDocumentState>('ledningssystem', id)).tasks).toHaveLength(2);
  });

  it('the internkontroll plan for next year is a task in December, escalated when the year begins without a nämnd decision', async () => {
    const id = randomUUID();
    const year = Number(stockholmDateOf(await h.now()).slice(0, 4)) + 1;
    await h.command('internkontroll', id, { type: 'create', actor: KVALITET, data: { planId: id, year } });
    const due = Date.parse(`${year - 1}-12-31T23:00:00Z`);
    const now = (await h.now()).getTime();
    if (due - 30 * DAY > now) await h.advance(due - 30 * DAY - now + DAY);
    const opened = await h.settle<InternkontrollState>('internkontroll', id, (tasks) => tasks.length === 1);
    expect(opened.tasks[0]).toMatchObject({
      dutyKey: `adopt/${year}`,
      kind: 'internkontroll_step',
      assigneeRole: 'quality_coordinator',
    });
    await h.advance(due - (await h.now()).getTime() + DAY);
    const escalated = await h.settle<InternkontrollState>(
      'internkontroll',
      id,
      (tasks) => tasks.length === 2,
    );
    expect(escalated.tasks[1]).toMatchObject({
      kind: 'internkontroll_step_escalation',
      assigneeRole: 'director',
    });
  });
});
