import type { CaseAction, CaseView } from '../api/types';
import { availableCommands, COMMAND_ORDER, commandLabel } from './case-commands';

const ALL = [...COMMAND_ORDER];

function aCase(change: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c1',
    caseNumber: 'LS-2026-0001',
    type: 'lex_sarah',
    reportedType: 'lex_sarah',
    stage: 'reported',
    version: 1,
    unitId: 'solgarden',
    channel: 'staff_form',
    unclassified: false,
    category: null,
    lagrum: null,
    reportedAt: '2026-11-20T15:00:00Z',
    registeredAt: '2026-11-20T15:00:00Z',
    occurredAt: null,
    description: 'x',
    immediateActions: null,
    reporter: {},
    onBehalfOf: null,
    personRef: null,
    kind: null,
    contact: null,
    wantsAnswer: null,
    assignee: null,
    acknowledged: null,
    investigationStartedAt: null,
    investigation: null,
    decision: null,
    ivoReport: null,
    awareAt: null,
    breachAssessment: null,
    imyReport: null,
    closedAt: null,
    closingSummary: null,
    reopenCount: 0,
    deadlines: [],
    tasks: [],
    actions: [],
    allowedCommands: ALL,
    ...change,
  };
}

const action = (status: CaseAction['status']): CaseAction => ({
  id: 'a1',
  title: 't',
  level: 'individual',
  owner: 'enhetschef',
  dueAt: '2026-12-01T00:00:00Z',
  status,
  addedAt: '2026-11-21T00:00:00Z',
});

describe('commands offered on the case page', () => {
  it('offers only what the api allows for the role, even when the stage fits', () => {
    expect(availableCommands(aCase({ allowedCommands: ['acknowledge', 'close'] }))).toEqual([
      'acknowledge',
      'close',
    ]);
    expect(availableCommands(aCase({ allowedCommands: [] }))).toEqual([]);
    expect(availableCommands(aCase({ allowedCommands: undefined }))).toEqual([]);
  });

  it('a new report: receipt, assignment, classification, start, close', () => {
    expect(availableCommands(aCase())).toEqual([
      'acknowledge',
      'assign',
      'classify',
      'start-investigation',
      'close',
    ]);
  });

  it('praise is not investigated', () => {
    expect(availableCommands(aCase({ type: 'praise' }))).not.toContain('start-investigation');
  });

  it('investigating: record, decide, actions; no second receipt', () => {
    const c = aCase({ stage: 'investigating', acknowledged: { by: 'sas', at: 'x' } });
    expect(availableCommands(c)).toEqual([
      'assign',
      'classify',
      'record-investigation',
      'decide',
      'add-action',
      'close',
    ]);
  });

  it('a serious decision asks for the IVO report until it is recorded', () => {
    const decision = {
      outcome: 'allvarligt_missforhallande' as const,
      rationale: 'r',
      requiresIvoReport: true,
      by: 'sas',
      at: 'x',
    };
    expect(availableCommands(aCase({ stage: 'acting', decision }))).toContain('report-to-ivo');
    expect(availableCommands(aCase({ stage: 'acting', decision }))).not.toContain('decide');
    expect(
      availableCommands(
        aCase({ stage: 'acting', decision, ivoReport: { ivoReference: 'I', reportedAt: 'x', by: 'sas' } }),
      ),
    ).not.toContain('report-to-ivo');
  });

  it('open actions can be completed, completed ones followed up', () => {
    expect(availableCommands(aCase({ stage: 'acting', actions: [action('open')] }))).toContain(
      'complete-action',
    );
    const done = availableCommands(aCase({ stage: 'acting', actions: [action('completed')] }));
    expect(done).toContain('follow-up');
    expect(done).not.toContain('complete-action');
  });

  it('a closed case can only be reopened', () => {
    expect(availableCommands(aCase({ stage: 'closed' }))).toEqual(['reopen']);
  });

  it('has a Swedish label for every command', () => {
    for (const c of COMMAND_ORDER) expect(commandLabel(c)).toMatch(/^[A-ZÅÄÖ][a-zåäö]/);
  });
});
