import fc from 'fast-check';
import type { CaseActor } from '../cases/case-commands';
import { decideImprovement, type ImprovementCommand } from './decide-improvement';
import type { ImprovementEvent } from './improvement-events';
import { rebuildImprovement } from './improvement-state';
import { buildImprovementView } from './improvement-view';

const T0 = new Date('2026-11-20T10:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const plan = {
  title: 'Checklista vid överrapportering',
  level: 'organisational' as const,
  owner: 'enhetschef',
  dueAt: '2026-12-20T10:00:00Z',
  expectedEffect: 'Inga missade överrapporteringar',
};

function run(commands: [ImprovementCommand, Date?][]): ImprovementEvent[] {
  const events: ImprovementEvent[] = [];
  for (const [command, at] of commands) {
    const result = decideImprovement(command, rebuildImprovement(events), at ?? T0);
    if (!result.ok) throw new Error(`${command.type}: ${result.refusal.reason}`);
    events.push(...result.events);
  }
  return events;
}

function eventsOf(result: ReturnType<typeof decideImprovement>): readonly ImprovementEvent[] {
  if (!result.ok) throw new Error(result.refusal.reason);
  return result.events;
}
const when = (events: ImprovementEvent[], command: ImprovementCommand, at = T0) =>
  decideImprovement(command, rebuildImprovement(events), at);
const propose: ImprovementCommand = {
  type: 'propose',
  actor: STAFF,
  data: {
    improvementId: 'p1',
    reference: 'FB-2026-0001',
    unitId: 'solgarden',
    title: 'Checklista',
    description: 'Vi missar saker vid skiftbyte',
    taskId: 't-assess',
  },
};
const accept: ImprovementCommand = {
  type: 'assess',
  actor: MANAGER,
  data: {
    decision: 'accepted',
    feedback: 'Bra förslag, vi inför det',
    plan,
    implementTaskId: 't-impl',
    feedbackTaskId: 't-fb',
  },
};

describe('improvement decider (IMP-1…IMP-8, LC-11)', () => {
  it('given nothing, a staff proposal gives the unit manager a task to assess it', () => {
    const events = run([[propose]]);
    expect(events.map((e) => e.type)).toEqual(['ImprovementProposed', 'ImprovementTaskCreated']);
    expect(events[1]!.data).toMatchObject({
      kind: 'assess_improvement_proposal',
      assigneeRole: 'unit_manager',
      unitId: 'solgarden',
    });
    expect(rebuildImprovement(events)).toMatchObject({
      kind: 'proposal',
      stage: 'proposed',
      proposer: 'medarbetare',
    });
  });

  it('accepting needs a plan and gives the owner a task with the due date and the proposer feedback in the inbox', () => {
    const proposed = run([[propose]]);
    expect(when(proposed, { ...accept, data: { ...accept.data, plan: undefined } })).toMatchObject({
      ok: false,
      refusal: { code: 'VALIDATION_FAILED', field: 'plan' },
    });
    const events = run([[propose], [accept]]);
    expect(events.slice(2).map((e) => [e.type, (e.data as { kind?: string }).kind])).toEqual([
      ['ImprovementProposalAssessed', undefined],
      ['ImprovementTaskCompleted', undefined],
      ['ImprovementTaskCreated', 'implement_improvement'],
      ['ImprovementTaskCreated', 'improvement_feedback'],
    ]);
    const view = buildImprovementView(events)!;
    expect(view).toMatchObject({
      stage: 'planned',
      feedback: { decision: 'accepted', text: 'Bra förslag, vi inför det', read: false },
    });
  });

  it('a rejection is feedback too, and only the proposer can mark it read', () => {
    const rejected = run([
      [propose],
      [
        {
          type: 'assess',
          actor: MANAGER,
          data: {
            decision: 'rejected',
            feedback: 'Finns redan i rutinen',
            implementTaskId: 'x',
            feedbackTaskId: 't-fb',
          },
        },
      ],
    ]);
    expect(rebuildImprovement(rejected)).toMatchObject({ stage: 'rejected' });
    expect(when(rejected, { type: 'read-feedback', actor: MANAGER, data: {} })).toMatchObject({
      ok: false,
      refusal: { reason: 'NOT_THE_PROPOSER' },
    });
    const read = [
      ...rejected,
      ...eventsOf(when(rejected, { type: 'read-feedback', actor: STAFF, data: {} })),
    ];
    expect(buildImprovementView(read)).toMatchObject({ feedback: { read: true } });
    expect(Object.values(rebuildImprovement(read)!.tasks).every((t) => t.status === 'done')).toBe(true);
  });

  it('an action linked to the causes of an investigation: implemented, then effect follow-up; no effect → a new plan (LC-3)', () => {
    const created = run([
      [
        {
          type: 'create-action',
          actor: MANAGER,
          data: {
            improvementId: 'a1',
            reference: 'FB-2026-0002',
            unitId: 'solgarden',
            sources: [{ kind: 'case', id: 'c1', reference: 'AV-2026-0001', causes: ['routine'] }],
            plan,
            taskId: 't1',
          },
        },
      ],
    ]);
    expect(buildImprovementView(created)).toMatchObject({
      kind: 'action',
      stage: 'planned',
      sources: [{ kind: 'case', causes: ['routine'] }],
    });
    const implement: ImprovementCommand = {
      type: 'implement',
      actor: MANAGER,
      data: { result: 'Checklistan införd', followUpDueAt: '2027-03-01T10:00:00Z', taskId: 't2' },
    };
    const implemented = [...created, ...eventsOf(when(created, implement, later(5)))];
    expect(
      when(created, { type: 'follow-up-effect', actor: MANAGER, data: { effective: true, evidence: 'x' } }),
    ).toMatchObject({ ok: false, refusal: { reason: 'NOT_IMPLEMENTED' } });
    const ineffective = [
      ...implemented,
      ...eventsOf(
        when(
          implemented,
          {
            type: 'follow-up-effect',
            actor: MANAGER,
            data: { effective: false, evidence: 'Två nya avvikelser' },
          },
          later(60),
        ),
      ),
    ];
    expect(rebuildImprovement(ineffective)).toMatchObject({
      stage: 'planned',
      dueAt: null,
      ineffectiveRounds: 1,
    });
    expect(when(ineffective, implement, later(61))).toMatchObject({
      ok: false,
      refusal: { reason: 'NOT_PLANNED' },
    });
    const again = when(
      ineffective,
      {
        type: 'replan',
        actor: MANAGER,
        data: { plan: { ...plan, dueAt: '2027-02-01T10:00:00Z' }, taskId: 't3' },
      },
      later(61),
    );
    expect(again.ok).toBe(true);
  });

  it('a lesson goes to other units as a check task each; each unit records its check once; then it is checked', () => {
    const share: ImprovementCommand = {
      type: 'share-lesson',
      actor: MANAGER,
      data: {
        improvementId: 'l1',
        reference: 'LD-2026-0001',
        sourceUnitId: 'solgarden',
        title: 'Larm i korridoren',
        finding: 'Larmet hördes inte',
        targetUnitIds: ['hemtjanst-norr', 'ekbacken'],
        dueAt: '2026-12-20T10:00:00Z',
        taskIds: { 'hemtjanst-norr': 'c1', ekbacken: 'c2' },
      },
    };
    expect(when([], { ...share, data: { ...share.data, targetUnitIds: ['solgarden'] } })).toMatchObject({
      ok: false,
      refusal: { reason: 'TARGET_UNIT_IDS_SOURCE_UNIT' },
    });
    const shared = run([[share]]);
    expect(
      shared
        .filter((e) => e.type === 'ImprovementTaskCreated')
        .map((e) => [e.data.unitId, (e.data as { kind: string }).kind]),
    ).toEqual([
      ['hemtjanst-norr', 'check_lesson'],
      ['ekbacken', 'check_lesson'],
    ]);
    const check = (unitId: string): ImprovementCommand => ({
      type: 'record-check',
      actor: MANAGER,
      data: { unitId, applicable: true, result: 'Kontrollerat' },
    });
    expect(when(shared, check('ifo'))).toMatchObject({ ok: false, refusal: { reason: 'UNIT_NOT_TARGETED' } });
    const one = run([[share], [check('ekbacken')]]);
    expect(when(one, check('ekbacken'))).toMatchObject({ ok: false, refusal: { reason: 'ALREADY_CHECKED' } });
    const both = run([[share], [check('ekbacken')], [check('hemtjanst-norr')]]);
    expect(rebuildImprovement(both)).toMatchObject({ kind: 'lesson', stage: 'checked' });
    expect(buildImprovementView(both)).toMatchObject({
      checks: [{ unitId: 'ekbacken' }, { unitId: 'hemtjanst-norr' }],
    });
  });

  it('property: whatever commands follow, the version counts the events and no open task survives an effective follow-up', () => {
    const commands: ImprovementCommand[] = [
      accept,
      {
        type: 'implement',
        actor: MANAGER,
        data: { result: 'ok', followUpDueAt: '2027-01-01T00:00:00Z', taskId: 'f1' },
      },
      { type: 'follow-up-effect', actor: MANAGER, data: { effective: true, evidence: 'ok' } },
      { type: 'follow-up-effect', actor: MANAGER, data: { effective: false, evidence: 'nej' } },
      { type: 'replan', actor: MANAGER, data: { plan, taskId: 'r1' } },
      { type: 'read-feedback', actor: STAFF, data: {} },
    ];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: commands.length - 1 }), { maxLength: 20 }), (picks) => {
        const events = run([[propose]]);
        picks.forEach((i, n) => {
          const result = decideImprovement(commands[i]!, rebuildImprovement(events), later(n + 1));
          if (result.ok) events.push(...result.events);
        });
        const state = rebuildImprovement(events)!;
        expect(state.version).toBe(events.length);
        if (state.kind !== 'lesson' && state.stage === 'effective')
          expect(
            Object.values(state.tasks).filter(
              (t) => t.status === 'open' && t.kind !== 'improvement_feedback',
            ),
          ).toEqual([]);
      }),
    );
  });
});
