import type { CaseActor, CaseCommand } from '../case-commands';
import type { CaseAggregateState, CaseState } from '../case-state';
import { decideCase } from '../decide-case';
import { evolveCase } from '../evolve-case';
import { isDeadlineWorkDone, isTaskWorkDone } from './deadline-work';

const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const NOW = new Date('2026-11-25T10:00:00.000Z');

function caseAfter(...commands: Omit<CaseCommand, 'actor'>[]): CaseAggregateState {
  let state: CaseState = null;
  const all = [
    {
      type: 'report',
      data: {
        caseId: 'c',
        caseNumber: 'AV-2026-0001',
        type: 'deviation',
        unitId: 'solgarden',
        occurredAt: '2026-11-20',
        description: 'x',
        channel: 'staff_form',
      },
    },
    ...commands,
  ] as Omit<CaseCommand, 'actor'>[];
  for (const command of all) {
    const decision = decideCase({ ...command, actor: MANAGER } as CaseCommand, state, NOW);
    if (!decision.ok) throw new Error(decision.refusal.message);
    for (const event of decision.events) state = evolveCase(state, event);
  }
  return state!;
}

describe('isDeadlineWorkDone', () => {
  it('follows the commands that meet each kind', () => {
    const reported = caseAfter();
    expect(isDeadlineWorkDone(reported, 'acknowledgement')).toBe(false);
    expect(isDeadlineWorkDone(caseAfter({ type: 'acknowledge', data: {} }), 'lex_sarah_first_response')).toBe(
      true,
    );
    const investigated = caseAfter(
      { type: 'start-investigation', data: {} },
      { type: 'record-investigation', data: { summary: 's', causes: [] } },
    );
    expect(isDeadlineWorkDone(investigated, 'investigation')).toBe(true);
    const withAction = caseAfter(
      { type: 'start-investigation', data: {} },
      {
        type: 'add-action',
        data: {
          actionId: 'a1',
          title: 't',
          level: 'individual',
          owner: 'o',
          dueAt: '2026-12-24T10:00:00.000Z',
        },
      },
    );
    expect(isDeadlineWorkDone(withAction, 'action', 'a1')).toBe(false);
    expect(isDeadlineWorkDone(withAction, 'follow_up')).toBe(false);
    expect(isDeadlineWorkDone(withAction, 'ivo_report')).toBe(false);
  });
});

describe('isTaskWorkDone', () => {
  it('an investigate task for someone no longer assigned is stale', () => {
    const state = caseAfter({ type: 'assign', data: { assignee: 'bo' } });
    expect(isTaskWorkDone(state, { kind: 'investigate', assignee: 'anna' })).toBe(true);
    expect(isTaskWorkDone(state, { kind: 'investigate', assignee: 'bo' })).toBe(false);
  });

  it('a classify task is done once the case has a category; escalation tasks are never stale', () => {
    expect(isTaskWorkDone(caseAfter(), { kind: 'classify' })).toBe(false);
    expect(
      isTaskWorkDone(caseAfter({ type: 'classify', data: { category: 'fall' } }), { kind: 'classify' }),
    ).toBe(true);
    expect(isTaskWorkDone(caseAfter(), { kind: 'escalation' })).toBe(false);
  });
});
