import { T0_ISO, caseReported, command, complaintReported, events as e, given } from '../test-support';
import type { CaseOutcome } from '../case-outcome';

const decide = (outcome: CaseOutcome | string, rationale = 'Brukaren utsattes för fara.') =>
  command(
    'decide',
    { outcome: outcome as CaseOutcome, rationale },
    { username: 'forvaltningschef', roles: ['director'] },
  );

const investigated = [caseReported(), e.investigationStarted(), e.investigationRecorded()];
const hslInvestigated = [
  caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' }),
  e.investigationStarted(),
  e.investigationRecorded(),
];

describe('decide', () => {
  it('decides a serious lex Sarah outcome, requiring an IVO report, and completes decide tasks', () => {
    given(...investigated, e.taskCreated('t-dec', 'decide', { assignee: 'forvaltningschef' }))
      .when(decide('allvarligt_missforhallande'))
      .then(
        {
          type: 'CaseDecided',
          data: {
            outcome: 'allvarligt_missforhallande',
            rationale: 'Brukaren utsattes för fara.',
            requiresIvoReport: true,
            by: 'forvaltningschef',
            at: T0_ISO,
          },
        },
        e.taskCompleted('t-dec', 'forvaltningschef'),
      );
  });

  it.each([
    ['pataglig_risk_for_allvarligt_missforhallande', true],
    ['missforhallande', false],
    ['risk_for_missforhallande', false],
    ['ej_missforhallande', false],
  ] as const)('lex Sarah %s requires IVO report: %s', (outcome, requiresIvoReport) => {
    const [event] = given(...investigated)
      .when(decide(outcome))
      .events();
    expect(event?.data).toMatchObject({ outcome, requiresIvoReport });
  });

  it.each([
    ['allvarlig_vardskada', true],
    ['vardskada', false],
    ['risk_for_vardskada', false],
    ['ej_vardskada', false],
  ] as const)('lex Maria %s requires IVO report: %s', (outcome, requiresIvoReport) => {
    const [event] = given(...hslInvestigated)
      .when(decide(outcome))
      .events();
    expect(event?.data).toMatchObject({ outcome, requiresIvoReport });
  });

  it('moves the case to acting, or to following up when no wrongdoing was found', () => {
    expect(
      given(...investigated)
        .when(decide('missforhallande'))
        .state().stage,
    ).toBe('acting');
    expect(
      given(...investigated)
        .when(decide('ej_missforhallande'))
        .state().stage,
    ).toBe('following_up');
  });

  it('refuses an outcome of the other law', () => {
    given(...investigated)
      .when(decide('vardskada'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'outcome', reason: 'OUTCOME_NOT_ALLOWED_FOR_TYPE' });
    given(...hslInvestigated)
      .when(decide('missforhallande'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'outcome', reason: 'OUTCOME_NOT_ALLOWED_FOR_TYPE' });
  });

  it('lets other types use the generic outcomes only (LC-4, LC-5)', () => {
    const complaint = [
      complaintReported(),
      e.investigationStarted(),
      e.investigationRecorded({ deviationOccurred: true }),
    ];
    const then = given(...complaint).when(decide('inga_atgarder', 'Bemötandet var korrekt.'));
    expect(then.events()[0]?.data).toMatchObject({ outcome: 'inga_atgarder', requiresIvoReport: false });
    expect(then.state().stage).toBe('following_up');
    given(...complaint)
      .when(decide('allvarligt_missforhallande'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'outcome', reason: 'OUTCOME_NOT_ALLOWED_FOR_TYPE' });
  });

  it('refuses an unknown outcome and a missing rationale', () => {
    given(...investigated)
      .when(decide('serious'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'outcome', reason: 'OUTCOME_INVALID' });
    given(...investigated)
      .when(decide('missforhallande', ''))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'rationale' });
  });

  it('requires a recorded investigation', () => {
    given(caseReported())
      .when(decide('missforhallande'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
    given(caseReported(), e.investigationStarted())
      .when(decide('missforhallande'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'INVESTIGATION_REQUIRED' });
  });

  it('decides once per investigation; after a reopen and a new investigation it may decide again', () => {
    given(...investigated, e.decided('missforhallande'))
      .when(decide('ej_missforhallande'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_DECIDED' });
    const reopened = [...investigated, e.decided('ej_missforhallande'), e.closed(), e.reopened()];
    given(...reopened)
      .when(decide('missforhallande'))
      .thenRefused({ reason: 'INVESTIGATION_REQUIRED' });
    given(...reopened, e.investigationRecorded())
      .when(decide('allvarligt_missforhallande'))
      .events();
  });
});
