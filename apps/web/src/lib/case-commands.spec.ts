import type { CaseAction, CaseView } from '../api/types';
import { availableCommands, COMMAND_ORDER, commandLabel, commandLabelFor } from './case-commands';

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
    categoryText: null,
    lagrumText: null,
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
    lateReport: false,
    respondBy: null,
    legalHold: null,
    erasedAt: null,
    erasure: null,
    responses: [],
    closedAt: null,
    closingSummary: null,
    reopenCount: 0,
    deadlines: [],
    tasks: [],
    actions: [],
    links: [],
    statutorySteps: [],
    patientInformation: null,
    journalNote: null,
    boardInformation: null,
    ivoDecisions: [],
    allowedCommands: ALL,
    protectedIdentity: false,
    personalDataWithheld: false,
    reasonRequired: false,
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
      'link',
      'close',
      'mark-protected-identity',
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
      'link',
      'add-action',
      'close',
      'mark-protected-identity',
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

  it('a closed case can only be linked and reopened (and marked, DATA-2)', () => {
    expect(availableCommands(aCase({ stage: 'closed' }))).toEqual([
      'link',
      'reopen',
      'mark-protected-identity',
    ]);
  });

  it('protected identity: mark an unmarked case, unmark a marked one (ADR 0029)', () => {
    expect(availableCommands(aCase({ protectedIdentity: true }))).toContain('unmark-protected-identity');
    expect(availableCommands(aCase({ protectedIdentity: true }))).not.toContain('mark-protected-identity');
  });

  it('an open deviation or HSL deviation can be escalated, named by where it goes (LC-2)', () => {
    expect(availableCommands(aCase({ type: 'deviation' }))).toContain('escalate');
    expect(availableCommands(aCase({ type: 'deviation', stage: 'closed' }))).not.toContain('escalate');
    expect(availableCommands(aCase())).not.toContain('escalate');
    const escalated = {
      caseId: 'c2',
      caseNumber: 'LS-2026-0002',
      relation: 'led_to' as const,
      by: 'enhetschef',
      at: 'x',
      escalatedTo: 'lex_sarah' as const,
    };
    expect(availableCommands(aCase({ type: 'deviation', links: [escalated] }))).not.toContain('escalate');
    expect(commandLabelFor('escalate', { type: 'deviation' })).toBe('Eskalera till lex Sarah');
    expect(commandLabelFor('escalate', { type: 'hsl_deviation' })).toBe('Eskalera till lex Maria');
  });

  it('has a Swedish label for every command', () => {
    for (const c of COMMAND_ORDER) expect(commandLabel(c)).toMatch(/^[A-ZÅÄÖ][a-zåäö]/);
  });
});
