import type { AdoptionDecision } from '../ledningssystem/ledningssystem-common';
import { advanceDutiesAt, KVALITET } from '../ledningssystem/test-support';
import { decideRoutine } from './decide-routine';
import { rebuildRoutine } from './routine-aggregate';
import type { RoutineCommand, RoutineEvent, RoutineState } from './routine-types';

const DECISION: AdoptionDecision = {
  decidedBy: 'forvaltningschef',
  decidedOn: '2026-01-15',
  reference: 'FC 2026/12',
};

const registered: RoutineEvent = {
  type: 'RoutineRegistered',
  data: {
    routineId: 'r1',
    kind: 'routine',
    level: 3,
    code: 'RUT-LS-01',
    title: 'Rapportera lex Sarah',
    unitId: 'solgarden',
    owner: 'enhetschef',
    administrator: null,
    parentId: null,
    revisionInterval: 'P1Y',
    cooperation: [],
    registeredAt: '2026-01-10T08:00:00.000Z',
    registeredBy: 'kvalitet',
  },
};
const adopted: RoutineEvent = {
  type: 'RoutineVersionAdopted',
  data: {
    version: '1.0',
    decision: DECISION,
    validFrom: '2026-02-01',
    changeNote: 'Första versionen',
    adoptedAt: '2026-01-20T08:00:00.000Z',
    recordedBy: 'kvalitet',
    nextRevisionDue: '2027-02-01',
  },
};

/** Given events, when a command at `now`, then the events (or the refusal). */
function when(given: RoutineEvent[], command: RoutineCommand, now = '2026-03-01T10:00:00Z') {
  const state = rebuildRoutine(given);
  const decision = decideRoutine(command, state, new Date(now));
  return { state, decision, after: decision.ok ? rebuildRoutine([...given, ...decision.events]) : state };
}

const advance = (at: string): RoutineCommand => advanceDutiesAt(at);

describe('routine registry (PR-1 … PR-5)', () => {
  it('registers a routine without a version as a draft', () => {
    const { decision, after } = when([], {
      type: 'register',
      actor: KVALITET,
      data: { ...registered.data } as never,
    });
    expect(decision.ok).toBe(true);
    expect(after).toMatchObject({ status: 'draft', versions: [], nextRevisionDue: null, code: 'RUT-LS-01' });
  });

  it('refuses a routine at level 1 and a missing or zero revision interval (PR-1, PR-5)', () => {
    const base = {
      routineId: 'r2',
      kind: 'routine' as const,
      code: 'X',
      title: 'X',
      unitId: 'solgarden',
      owner: 'x',
    };
    const level1 = when([], {
      type: 'register',
      actor: KVALITET,
      data: { ...base, level: 1, revisionInterval: 'P1Y' },
    });
    expect(level1.decision).toMatchObject({
      ok: false,
      refusal: { code: 'VALIDATION_FAILED', field: 'level' },
    });
    const zero = when([], {
      type: 'register',
      actor: KVALITET,
      data: { ...base, level: 2, revisionInterval: 'P0D' },
    });
    expect(zero.decision).toMatchObject({ ok: false, refusal: { field: 'revisionInterval' } });
  });

  it('adopting a version records the decision and sets the revision date to valid-from + interval (DL-32)', () => {
    const { decision, after } = when([registered], {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '1.0', decision: DECISION, validFrom: '2026-02-01', changeNote: 'Första' },
    });
    expect(decision.ok).toBe(true);
    expect(after).toMatchObject({
      status: 'adopted',
      nextRevisionDue: '2027-02-01',
      versions: [{ version: '1.0', decision: DECISION }],
    });
  });

  it('keeps every version and refuses a version number twice (PR-4)', () => {
    const again = when([registered, adopted], {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '1.0', decision: DECISION, validFrom: '2026-06-01', changeNote: 'x' },
    });
    expect(again.decision).toMatchObject({ ok: false, refusal: { code: 'ALREADY_EXISTS' } });
  });

  it('refuses a decision without reference or with an unknown body (AUD-3)', () => {
    const bad = when([registered], {
      type: 'adopt-version',
      actor: KVALITET,
      data: {
        version: '1',
        decision: { ...DECISION, reference: ' ' },
        validFrom: '2026-02-01',
        changeNote: 'x',
      },
    });
    expect(bad.decision).toMatchObject({ ok: false, refusal: { field: 'decision.reference' } });
  });

  describe('revision duty', () => {
    it('gives no task before the notice time (60 days ahead by default)', () => {
      const { decision } = when([registered, adopted], advance('2026-12-01T00:00:00Z'));
      expect(decision).toEqual({
        ok: true,
        events: [],
        nextWakeAt: new Date('2026-12-02T23:00:00.000Z').toISOString(),
      });
    });

    it('gives the owner a task 60 days ahead of the revision date', () => {
      const { decision, after } = when([registered, adopted], advance('2026-12-03T00:00:00Z'));
      expect(decision.ok && decision.events).toEqual([
        {
          type: 'DutyTasksOpened',
          data: {
            at: '2026-12-03T00:00:00Z',
            tasks: [
              expect.objectContaining({
                id: 'revision/2027-02-01#0',
                kind: 'routine_revision',
                assignee: 'enhetschef',
                level: 0,
                dueAt: '2027-01-31T23:00:00.000Z',
                status: 'open',
              }),
            ],
          },
        },
      ]);
      expect(after!.tasks).toHaveLength(1);
      // The same step again writes nothing.
      expect(
        decideRoutine(advance('2026-12-04T00:00:00Z'), after, new Date()).ok &&
          (
            decideRoutine(advance('2026-12-04T00:00:00Z'), after, new Date()) as {
              events: readonly unknown[];
            }
          ).events,
      ).toEqual([]);
    });

    it('escalates a lapsed revision up the chain, one level per repeat, and stops at the top', () => {
      let state: RoutineState | null = rebuildRoutine([registered, adopted]);
      const events: RoutineEvent[] = [registered, adopted];
      const run = (at: string) => {
        const decision = decideRoutine(advance(at), state, new Date(at));
        if (!decision.ok) throw new Error(decision.refusal.message);
        events.push(...decision.events);
        state = rebuildRoutine(events);
        return decision.events.flatMap((e) => (e.type === 'DutyTasksOpened' ? e.data.tasks : []));
      };
      run('2026-12-03T00:00:00Z');
      expect(run('2027-02-01T00:00:00Z').map((t) => [t.kind, t.assigneeRole, t.level])).toEqual([
        ['routine_revision_escalation', 'unit_manager', 1],
      ]);
      expect(run('2027-02-05T00:00:00Z')).toEqual([]);
      expect(run('2027-02-08T00:00:00Z').map((t) => t.assigneeRole)).toEqual(['division_manager']);
      expect(run('2027-02-15T00:00:00Z').map((t) => t.assigneeRole)).toEqual(['director']);
      expect(run('2027-06-15T00:00:00Z')).toEqual([]);
      expect(state!.tasks.filter((t) => t.status === 'open')).toHaveLength(4);
    });

    it('a new version closes the open revision tasks and moves the revision date', () => {
      const first = when([registered, adopted], advance('2027-02-01T00:00:00Z'));
      const given = [registered, adopted, ...(first.decision.ok ? first.decision.events : [])];
      const { after } = when(
        given,
        {
          type: 'adopt-version',
          actor: KVALITET,
          data: { version: '2.0', decision: DECISION, validFrom: '2027-02-10', changeNote: 'Reviderad' },
        },
        '2027-02-10T09:00:00Z',
      );
      expect(after!.tasks.map((t) => t.status)).toEqual(['done', 'done']);
      expect(after!.nextRevisionDue).toBe('2028-02-10');
    });

    it('a repealed routine has no duties and refuses changes', () => {
      const { after } = when([registered, adopted], {
        type: 'repeal',
        actor: KVALITET,
        data: { decision: DECISION, reason: 'Ersatt av RUT-LS-02' },
      });
      expect(after!.status).toBe('repealed');
      const refused = decideRoutine(
        { type: 'change-owner', actor: KVALITET, data: { owner: 'x' } },
        after,
        new Date(),
      );
      expect(refused).toMatchObject({ ok: false, refusal: { code: 'INVALID_TRANSITION' } });
    });
  });
});
