import { applyWorkResult, initialCaseFlowState, pendingWork } from '@kvalitet/domain';
import type { CaseFlowState, DeadlineTrack } from '@kvalitet/domain';
import { applyMissResult, dueSteps, nextWakeAt } from './case-flow-work';

const ms = (iso: string) => Date.parse(iso);

function stateWith(...tracks: Partial<DeadlineTrack>[]): CaseFlowState {
  const state = initialCaseFlowState('c1');
  Object.assign(state, { known: true, type: 'deviation', unitId: 'solgarden' });
  for (const [i, t] of tracks.entries()) {
    const key = t.key ?? `d${i}`;
    state.deadlines[key] = {
      key,
      kind: 'investigation',
      base: '2026-11-25T00:00:00.000Z',
      status: 'open',
      reminderSent: false,
      escalationLevel: 0,
      ...t,
    };
  }
  return state;
}

describe('timers', () => {
  it('wakes for the nearest due date, reminder or next escalation', () => {
    const state = stateWith(
      { dueAt: '2026-12-10T00:00:00.000Z' },
      { kind: 'action', dueAt: '2026-12-08T00:00:00.000Z', reminderAt: '2026-12-06T00:00:00.000Z' },
      { status: 'missed', dueAt: '2026-11-01T00:00:00.000Z', nextEscalationAt: '2026-12-07T00:00:00.000Z' },
      { status: 'met', dueAt: '2026-11-30T00:00:00.000Z' },
    );
    expect(nextWakeAt(state)).toBe(ms('2026-12-06T00:00:00.000Z'));
    expect(dueSteps(state, ms('2026-12-06T00:00:00.000Z'))).toEqual([{ key: 'd1', step: 'remind' }]);
    state.deadlines['d1']!.reminderSent = true;
    expect(nextWakeAt(state)).toBe(ms('2026-12-07T00:00:00.000Z'));
    expect(dueSteps(state, ms('2026-12-09T00:00:00.000Z'))).toEqual([
      { key: 'd1', step: 'miss' },
      { key: 'd2', step: 'escalate' },
    ]);
  });

  it('a deadline already due when it started is missed at once; a closed case waits for nothing', () => {
    const state = stateWith({ dueAt: '2026-01-01T00:00:00.000Z' });
    expect(dueSteps(state, ms('2026-11-25T00:00:00.000Z'))).toEqual([{ key: 'd0', step: 'miss' }]);
    state.closed = true;
    expect(dueSteps(state, ms('2026-11-25T00:00:00.000Z'))).toEqual([]);
    expect(nextWakeAt(state)).toBeNull();
  });
});

describe('activity answers', () => {
  it('a deadline the step started in an earlier run comes back as it is on the case', () => {
    const state = stateWith(
      { key: 'a', status: 'wanted' },
      { key: 'b', status: 'wanted' },
      { key: 'c', status: 'wanted' },
    );
    applyWorkResult(state, {
      deadlines: [
        {
          key: 'a',
          outcome: 'started',
          deadlineId: 'A',
          dueAt: '2026-12-01T00:00:00.000Z',
          policyVersion: 3,
          status: 'missed',
          escalationLevel: 2,
          nextEscalationAt: '2026-11-26T00:00:00.000Z',
        },
        { key: 'b', outcome: 'satisfied' },
        { key: 'c', outcome: 'case_closed' },
      ],
      tasks: [],
    });
    expect(state.deadlines['a']).toMatchObject({
      status: 'missed',
      escalationLevel: 2,
      deadlineId: 'A',
      policyVersion: 3,
      nextEscalationAt: '2026-11-26T00:00:00.000Z',
    });
    expect(state.deadlines['b']).toMatchObject({ status: 'inactive', inactiveReason: 'satisfied' });
    expect(state.deadlines['c']).toMatchObject({ status: 'inactive', inactiveReason: 'case_closed' });
  });

  it('a miss records the level, the next escalation and the escalation tasks (once per role)', () => {
    const state = stateWith({ key: 'a', deadlineId: 'A', dueAt: '2026-11-20T00:00:00.000Z' });
    const task = { key: 'task/escalation/a/division_manager', role: 'division_manager', taskId: 'T' };
    applyMissResult(state, state.deadlines['a']!, 1, {
      escalatedTo: ['division_manager'],
      tasks: [task],
      nextEscalationAt: '2026-11-21T00:00:00.000Z',
    });
    applyMissResult(state, state.deadlines['a']!, 2, {
      escalatedTo: ['director'],
      tasks: [task],
      nextEscalationAt: '2026-11-22T00:00:00.000Z',
    });
    expect(state.deadlines['a']).toMatchObject({
      status: 'missed',
      escalationLevel: 2,
      nextEscalationAt: '2026-11-22T00:00:00.000Z',
    });
    expect(Object.keys(state.tasks)).toEqual(['task/escalation/a/division_manager']);
    expect(pendingWork(state, '2026-11-25T00:00:00.000Z')).toBeNull();
  });
});
