import { KVALITET, namndDecision } from '../ledningssystem/test-support';
import { INTERNKONTROLL_AGGREGATE as AGG } from './internkontroll';
import type { InternkontrollCommand, InternkontrollState } from './internkontroll';

const NAMND = namndDecision('2026-12-10', 88);
const NOW = '2026-10-01T10:00:00Z';

function run(commands: InternkontrollCommand[]): { state: InternkontrollState | null; refusal?: string } {
  let state: InternkontrollState | null = null;
  for (const command of commands) {
    const decision = AGG.decide(command, state, new Date(NOW));
    if (!decision.ok) return { state, refusal: decision.refusal.reason };
    for (const event of decision.events) state = AGG.evolve(state, event, (state?.version ?? 0) + 1);
  }
  return { state };
}

const c = (type: InternkontrollCommand['type'], data: unknown) =>
  ({ type, actor: KVALITET, data }) as InternkontrollCommand;
const base = [
  c('create', { planId: 'p', year: 2027 }),
  c('add-risk', {
    riskId: 'r1',
    description: 'Missförhållanden rapporteras, utreds och åtgärdas inte',
    probability: 3,
    severity: 4,
    source: 'Ledningsgruppens riskanalys',
  }),
  c('add-risk', {
    riskId: 'r2',
    description: 'Fakturor attesteras fel',
    probability: 2,
    severity: 2,
    source: 'Ekonomi',
  }),
];

describe('internkontroll cycle (IK-1 … IK-3, DL-25)', () => {
  it('scores risks on the 4×4 matrix and proposes the very high ones (RA-3, IK-1)', () => {
    const { state } = run(base);
    expect(state!.risks.map((r) => [r.score, r.level, r.proposed])).toEqual([
      [12, 'very_high', true],
      [4, 'medium', false],
    ]);
    expect(
      run([
        ...base.slice(0, 1),
        c('add-risk', { riskId: 'x', description: 'x', probability: 5, severity: 1, source: 's' }),
      ]).refusal,
    ).toBe('OUT_OF_RANGE');
  });

  it('the plan is adopted by the nämnd only when every risk is decided and every selected risk has a control', () => {
    const selected = [...base, c('select-risk', { riskId: 'r1', selected: true, rationale: 'Högsta risk' })];
    expect(run([...selected, c('adopt-plan', { decision: NAMND })]).refusal).toBe('UNDECIDED_RISKS');
    const decided = [
      ...selected,
      c('select-risk', { riskId: 'r2', selected: false, rationale: 'Låg risk, hanteras i linjen' }),
    ];
    expect(run([...decided, c('adopt-plan', { decision: NAMND })]).refusal).toBe('RISK_WITHOUT_CONTROL');
    expect(
      run([
        ...decided,
        c('add-control', {
          controlId: 'k',
          riskId: 'r2',
          title: 't',
          method: 'm',
          responsible: 'sas',
          dueDate: '2027-06-30',
        }),
      ]).refusal,
    ).toBe('RISK_NOT_SELECTED');
    const planned = [
      ...decided,
      c('add-control', {
        controlId: 'k1',
        riskId: 'r1',
        title: 'Granska lex Sarah-flödet',
        method: 'Stickprov',
        responsible: 'sas',
        dueDate: '2027-06-30',
      }),
    ];
    expect(
      run([...planned, c('adopt-plan', { decision: { ...NAMND, decidedBy: 'forvaltningschef' } })]).refusal,
    ).toBe('NOT_NAMND');
    const adopted = run([...planned, c('adopt-plan', { decision: NAMND })]);
    expect(adopted.state!.stage).toBe('adopted');
    expect(AGG.duties(adopted.state!).map((d) => [d.key, d.assignee ?? d.assigneeRole])).toEqual([
      ['control/k1', 'sas'],
      ['report/2027', 'quality_coordinator'],
    ]);
  });

  it('before adoption the duty is the plan itself, due before the year begins', () => {
    expect(AGG.duties(run(base).state!)).toEqual([
      expect.objectContaining({
        key: 'adopt/2027',
        dueAt: '2026-12-31T23:00:00.000Z',
        escalateTo: ['director'],
      }),
    ]);
  });

  it('reports to the nämnd only when every control has its result; then the cycle is finished', () => {
    const adopted = [
      ...base,
      c('select-risk', { riskId: 'r1', selected: true, rationale: 'Högsta risk' }),
      c('select-risk', { riskId: 'r2', selected: false, rationale: 'Låg' }),
      c('add-control', {
        controlId: 'k1',
        riskId: 'r1',
        title: 'Granska',
        method: 'Stickprov',
        responsible: 'sas',
        dueDate: '2027-06-30',
      }),
      c('adopt-plan', { decision: NAMND }),
    ];
    const report = c('report', {
      decision: NAMND,
      summary: 'Kontrollerna genomförda',
      evaluation: 'Rutinen fungerar',
    });
    expect(run([...adopted, report]).refusal).toBe('CONTROLS_OPEN');
    expect(
      run([
        ...adopted,
        c('record-control-result', {
          controlId: 'k1',
          outcome: 'deficiencies',
          summary: 'Två ärenden utan utredning',
          actions: '',
        }),
      ]).refusal,
    ).toBe('REQUIRED');
    const done = run([
      ...adopted,
      c('record-control-result', {
        controlId: 'k1',
        outcome: 'deficiencies',
        summary: 'Två ärenden utan utredning',
        actions: 'Utbildning för chefer',
      }),
      report,
    ]);
    expect(done.state!.stage).toBe('reported');
    expect(AGG.finished(done.state!)).toBe(true);
    expect(done.state!.tasks).toEqual([]);
  });
});
