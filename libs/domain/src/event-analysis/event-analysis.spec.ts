import { rebuildLs } from '../ledningssystem/ls-aggregate';
import { decideEventAnalysis, evolveEventAnalysis, isTimelineMoment } from './event-analysis';
import { DEFAULT_CAUSE_CATEGORIES } from './event-analysis-types';
import type { EventAnalysisCommand, EventAnalysisEvent, EventAnalysisState } from './event-analysis-types';

const actor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const now = new Date('2026-03-02T09:00:00Z');

function run(commands: EventAnalysisCommand[]): {
  state: EventAnalysisState | null;
  events: EventAnalysisEvent[];
} {
  const events: EventAnalysisEvent[] = [];
  for (const command of commands) {
    const state = rebuildLs(evolveEventAnalysis, events);
    const decision = decideEventAnalysis(command, state, now);
    if (!decision.ok) throw new Error(decision.refusal.message);
    events.push(...decision.events);
  }
  return { state: rebuildLs(evolveEventAnalysis, events), events };
}

const start: EventAnalysisCommand = {
  type: 'start',
  actor,
  data: {
    analysisId: 'a1',
    reference: 'HA-2026-0001',
    title: 'Fall vid förflyttning',
    owner: 'sas',
    cases: [
      { caseId: 'c1', caseNumber: 'LS-2026-0001', unitId: 'solgarden' },
      { caseId: 'c2', caseNumber: 'LS-2026-0002', unitId: 'hemtjanst-norr' },
    ],
    team: [{ name: 'Sara', role: 'sakkunnig' }],
    categories: DEFAULT_CAUSE_CATEGORIES,
  },
};

function refusalOf(commands: EventAnalysisCommand[], last: EventAnalysisCommand) {
  const { state } = run(commands);
  const decision = decideEventAnalysis(last, state, now);
  return decision.ok ? null : decision.refusal;
}

describe('händelseanalys (RA-11, IMP-5)', () => {
  it('starts for cases in two units and lists under the first', () => {
    const { state } = run([start]);
    expect(state).toMatchObject({ status: 'started', unitId: 'solgarden', reference: 'HA-2026-0001' });
    expect(state!.cases.map((c) => c.unitId)).toEqual(['solgarden', 'hemtjanst-norr']);
  });

  it('refuses a start without cases or with a team member without a role', () => {
    expect(
      refusalOf([], { ...start, data: { ...start.data, cases: [] } } as EventAnalysisCommand)?.field,
    ).toBe('caseIds');
    const team = {
      ...start,
      data: { ...start.data, team: [{ name: 'Sara', role: ' ' }] },
    } as EventAnalysisCommand;
    expect(refusalOf([], team)?.field).toBe('team[0]');
  });

  it('keeps the timeline in time order and checks the moment', () => {
    const { state } = run([
      start,
      {
        type: 'add-timeline-entry',
        actor,
        data: { entryId: 'e2', when: '2026-02-10 14:30', what: 'Fallet', role: 'brukare' },
      },
      {
        type: 'add-timeline-entry',
        actor,
        data: { entryId: 'e1', when: '2026-02-10', what: 'Ny personal', role: 'undersköterska' },
      },
    ]);
    expect(state!.timeline.map((e) => e.entryId)).toEqual(['e1', 'e2']);
    expect(isTimelineMoment('2026-02-30')).toBe(false);
    expect(isTimelineMoment('2026-02-10T14:30:00Z')).toBe(false);
    expect(
      refusalOf([start], {
        type: 'add-timeline-entry',
        actor,
        data: { entryId: 'e', when: 'igår', what: 'x', role: 'y' },
      })?.field,
    ).toBe('when');
  });

  it('takes causes only in the configured categories (IMP-5)', () => {
    const refusal = refusalOf([start], {
      type: 'add-cause',
      actor,
      data: { causeId: 'k', category: 'väder', kind: 'root', description: 'Halt' },
    });
    expect(refusal).toMatchObject({ reason: 'UNKNOWN_CATEGORY', field: 'category' });
  });

  it('completes only with a summary and a root cause, and is then closed', () => {
    const cause: EventAnalysisCommand = {
      type: 'add-cause',
      actor,
      data: {
        causeId: 'k1',
        category: 'overlamning',
        kind: 'contributing',
        description: 'Muntlig överlämning',
      },
    };
    const complete: EventAnalysisCommand = {
      type: 'complete',
      actor,
      data: { summary: 'Överlämningen brast' },
    };
    expect(refusalOf([start, cause], complete)?.reason).toBe('NO_ROOT_CAUSE');
    expect(refusalOf([start], { type: 'complete', actor, data: { summary: ' ' } })?.field).toBe('summary');
    const root: EventAnalysisCommand = {
      type: 'add-cause',
      actor,
      data: { causeId: 'k2', category: 'rutin', kind: 'root', description: 'Rutin för förflyttning saknas' },
    };
    const { state } = run([start, cause, root, complete]);
    expect(state).toMatchObject({ status: 'completed', summary: 'Överlämningen brast', completedBy: 'sas' });
    expect(refusalOf([start, cause, root, complete], cause)?.reason).toBe('COMPLETED');
  });
});
