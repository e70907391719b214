import { randomUUID } from 'node:crypto';
import type { EgenkontrollPlanState } from '@kvalitet/domain';
import { DAY, LedningssystemHarness } from './support/ledningssystem-harness';

const CHEF = { username: 'enhetschef', roles: ['unit_manager'] };

/** EK-3, DL-26: each due check of an adopted plan is a task ahead of its date, escalated when it lapses. */
describe('egenkontroll deadlines (time-skipping server, real activity on Postgres)', () => {
  let h: LedningssystemHarness;
  beforeAll(async () => {
    h = await LedningssystemHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("opens each quarter's check 30 days ahead, escalates the lapsed one, and a result settles it", async () => {
    const year = (await h.now()).getUTCFullYear() + 1;
    const planId = randomUUID();
    await h.command('egenkontroll', planId, {
      type: 'create-plan',
      actor: CHEF,
      data: {
        planId,
        unitId: 'solgarden',
        year,
        controls: [
          {
            controlId: 'c1',
            kind: 'journalgranskning',
            title: 'Journalgranskning',
            method: 'Stickprov',
            sampleRule: 'två ärenden per handläggare',
            frequency: 'quarterly',
            responsible: 'enhetschef',
          },
        ],
      },
    });
    await h.command('egenkontroll', planId, { type: 'adopt-plan', actor: CHEF, data: {} });

    const q1Due = Date.parse(`${year}-03-31T22:00:00Z`);
    await h.advance(q1Due - 31 * DAY - (await h.now()).getTime());
    expect((await h.state<EgenkontrollPlanState>('egenkontroll', planId)).tasks).toEqual([]);

    await h.advance(2 * DAY);
    const opened = await h.settle<EgenkontrollPlanState>(
      'egenkontroll',
      planId,
      (tasks) => tasks.length === 1,
    );
    expect(opened.tasks[0]).toMatchObject({
      dutyKey: `control/c1/${year}-Q1`,
      kind: 'egenkontroll_control',
      assignee: 'enhetschef',
      dueAt: new Date(q1Due).toISOString(),
    });

    // Lapsed: the unit manager is the assignee by name, so the chain starts at the unit manager role.
    await h.advance(30 * DAY);
    const escalated = await h.settle<EgenkontrollPlanState>('egenkontroll', planId, (tasks) =>
      tasks.some((t) => t.level === 1),
    );
    expect(escalated.tasks.find((t) => t.level === 1)).toMatchObject({
      kind: 'egenkontroll_control_escalation',
      assigneeRole: 'unit_manager',
    });

    const recorded = await h.command<EgenkontrollPlanState>('egenkontroll', planId, {
      type: 'record-result',
      actor: CHEF,
      data: {
        controlId: 'c1',
        occurrence: `${year}-Q1`,
        result: 'Alla planer aktuella',
        analysis: 'Rutinen följs',
        findings: [],
        noActions: true,
      },
    });
    expect(recorded.tasks.every((t) => t.status === 'done')).toBe(true);

    // The next quarter's check comes 30 days before its end.
    await h.advance(Date.parse(`${year}-06-30T22:00:00Z`) - 29 * DAY - (await h.now()).getTime());
    const q2 = await h.settle<EgenkontrollPlanState>('egenkontroll', planId, (tasks) =>
      tasks.some((t) => t.dutyKey.endsWith('Q2')),
    );
    expect(q2.tasks.filter((t) => t.status === 'open').map((t) => t.dutyKey)).toEqual([
      `control/c1/${year}-Q2`,
    ]);
  });
});
