import { advanceDutiesAt, CHEF } from '../ledningssystem/test-support';
import { controlOccurrences } from './control-occurrences';
import { decideEgenkontroll } from './decide-egenkontroll';
import { egenkontrollDuties, planOccurrences } from './egenkontroll-duties';
import { rebuildEgenkontroll } from './egenkontroll-aggregate';
import type {
  EgenkontrollCommand,
  EgenkontrollEvent,
  PlannedControl,
  RecordResultData,
} from './egenkontroll-types';

const LOGG: PlannedControl = {
  controlId: 'c-logg',
  kind: 'loggkontroll',
  title: 'Loggkontroll',
  method: 'Stickprov i åtkomstloggen',
  sampleRule: '10 slumpvisa ärenden',
  frequency: 'quarterly',
  responsible: 'enhetschef',
};
const LM: PlannedControl = {
  controlId: 'c-lm',
  kind: 'lakemedelshantering',
  title: 'Läkemedelsgenomgång',
  method: 'MAS granskar',
  sampleRule: 'alla boenden',
  frequency: 'yearly',
  responsible: 'mas',
};

const created: EgenkontrollEvent = {
  type: 'EgenkontrollPlanCreated',
  data: {
    planId: 'p1',
    unitId: 'solgarden',
    year: 2026,
    controls: [LOGG, LM],
    at: '2026-01-05T08:00:00.000Z',
    by: 'enhetschef',
  },
};
const adopted: EgenkontrollEvent = {
  type: 'EgenkontrollPlanAdopted',
  data: { at: '2026-01-10T08:00:00.000Z', by: 'enhetschef' },
};

function when(given: EgenkontrollEvent[], command: EgenkontrollCommand, now = '2026-04-02T10:00:00Z') {
  const state = rebuildEgenkontroll(given);
  const decision = decideEgenkontroll(command, state, new Date(now));
  return { decision, after: decision.ok ? rebuildEgenkontroll([...given, ...decision.events]) : state };
}

const result = (over: Partial<RecordResultData> = {}): EgenkontrollCommand => ({
  type: 'record-result',
  actor: CHEF,
  data: {
    controlId: 'c-logg',
    occurrence: '2026-Q1',
    result: '10 av 10 ärenden hade behörig åtkomst',
    analysis: 'Inga avvikelser',
    findings: [],
    noActions: true,
    ...over,
  },
});

describe('egenkontroll plan (EK-1 … EK-3, AUD-11)', () => {
  it('derives each occurrence of a control, due when its period ends (Stockholm time)', () => {
    expect(controlOccurrences(2026, 'quarterly')).toEqual([
      { key: '2026-Q1', dueAt: '2026-03-31T22:00:00.000Z' },
      { key: '2026-Q2', dueAt: '2026-06-30T22:00:00.000Z' },
      { key: '2026-Q3', dueAt: '2026-09-30T22:00:00.000Z' },
      { key: '2026-Q4', dueAt: '2026-12-31T23:00:00.000Z' },
    ]);
    expect(controlOccurrences(2026, 'monthly')).toHaveLength(12);
    expect(controlOccurrences(2026, 'tertial').map((o) => o.key)).toEqual(['2026-T1', '2026-T2', '2026-T3']);
  });

  it('a draft plan has no duties; adopting it makes one per occurrence for the responsible person', () => {
    expect(egenkontrollDuties(rebuildEgenkontroll([created])!)).toEqual([]);
    const duties = egenkontrollDuties(rebuildEgenkontroll([created, adopted])!);
    expect(duties.map((d) => [d.key, d.assignee])).toEqual([
      ['control/c-logg/2026-Q1', 'enhetschef'],
      ['control/c-logg/2026-Q2', 'enhetschef'],
      ['control/c-logg/2026-Q3', 'enhetschef'],
      ['control/c-logg/2026-Q4', 'enhetschef'],
      ['control/c-lm/2026', 'mas'],
    ]);
  });

  it('refuses a result without analysis, or without actions and without an explicit "none" (EK-3)', () => {
    expect(when([created, adopted], result({ analysis: ' ' })).decision).toMatchObject({
      ok: false,
      refusal: { field: 'analysis' },
    });
    expect(when([created, adopted], result({ noActions: false })).decision).toMatchObject({
      ok: false,
      refusal: { reason: 'ACTIONS_OR_NONE' },
    });
    expect(when([created, adopted], result({ occurrence: '2026-H1' })).decision).toMatchObject({
      ok: false,
      refusal: { field: 'occurrence' },
    });
    expect(when([created], result()).decision).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_TRANSITION' },
    });
  });

  it('a recorded result settles its task and shows the occurrence done; a due one without result is missing', () => {
    const advance = when([created, adopted], advanceDutiesAt('2026-04-02T10:00:00Z'));
    const given = [created, adopted, ...(advance.decision.ok ? advance.decision.events : [])];
    const q1 = advance.after!.tasks.filter((t) => t.dutyKey === 'control/c-logg/2026-Q1');
    expect(q1.map((t) => [t.level, t.status])).toEqual([
      [0, 'open'],
      [1, 'open'],
    ]);
    const statuses = (s: ReturnType<typeof rebuildEgenkontroll>) =>
      planOccurrences(s!, new Date('2026-04-02T10:00:00Z'))
        .slice(0, 2)
        .map((o) => o.status);
    expect(statuses(advance.after)).toEqual(['missing', 'pending']);
    const { after } = when(given, result());
    expect(after!.tasks.filter((t) => t.dutyKey === 'control/c-logg/2026-Q1').map((t) => t.status)).toEqual([
      'done',
      'done',
    ]);
    expect(statuses(after)).toEqual(['done', 'pending']);
    expect(
      when(
        [...given, ...(when(given, result()).decision as { events: readonly EgenkontrollEvent[] }).events],
        result(),
      ).decision,
    ).toMatchObject({ ok: false, refusal: { code: 'ALREADY_EXISTS' } });
  });

  it('a finding that becomes an action is a duty for its owner until completed', () => {
    const withAction = result({
      noActions: false,
      findings: [
        {
          findingId: 'f1',
          description: 'Två journaler lästa utan tjänsteskäl',
          handling: 'action',
          caseId: null,
          caseNumber: null,
          action: {
            actionId: 'a1',
            title: 'Påminn om behörighet',
            owner: 'enhetschef',
            dueDate: '2026-05-01',
            completedAt: null,
            completionNote: null,
          },
        },
      ],
    });
    const recorded = when([created, adopted], withAction);
    expect(recorded.decision.ok).toBe(true);
    expect(egenkontrollDuties(recorded.after!).map((d) => d.key)).toContain('action/a1');
    const given = [
      created,
      adopted,
      ...(recorded.decision as { events: readonly EgenkontrollEvent[] }).events,
    ];
    const done = when(given, {
      type: 'complete-action',
      actor: CHEF,
      data: { actionId: 'a1', note: 'Genomgång på APT 2026-04-20' },
    });
    expect(egenkontrollDuties(done.after!).map((d) => d.key)).not.toContain('action/a1');
    expect(
      when(given, { type: 'complete-action', actor: CHEF, data: { actionId: 'nope', note: 'x' } }).decision,
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_FOUND' } });
  });

  it('a finding reported as a deviation must carry its case', () => {
    const bad = when(
      [created, adopted],
      result({
        noActions: false,
        findings: [
          {
            findingId: 'f',
            description: 'Fel dos',
            handling: 'deviation',
            caseId: null,
            caseNumber: null,
            action: null,
          },
        ],
      }),
    );
    expect(bad.decision).toMatchObject({ ok: false, refusal: { field: 'findings[0]' } });
  });
});
