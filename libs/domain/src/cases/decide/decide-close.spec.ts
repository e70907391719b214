import { T0_ISO, caseReported, command, complaintReported, events as e, given } from '../test-support';

const close = (summary = 'Åtgärderna har haft effekt.') => command('close', { summary });

describe('close', () => {
  const lexSarahDone = [
    caseReported(),
    e.investigationStarted(),
    e.investigationRecorded(),
    e.decided('missforhallande'),
  ];

  it('closes a case that meets every requirement and completes all its open tasks, leaving deadlines as they are', () => {
    const then = given(
      ...lexSarahDone,
      e.deadlineStarted('d-fu', 'follow_up'),
      e.taskCreated('t-esc', 'escalation'),
      e.taskCreated('t-done', 'acknowledge'),
      e.taskCompleted('t-done'),
    ).when(close());
    then.then(
      { type: 'CaseClosed', data: { summary: 'Åtgärderna har haft effekt.', by: 'sas', at: T0_ISO } },
      e.taskCompleted('t-esc'),
    );
    expect(then.state()).toMatchObject({
      stage: 'closed',
      closedAt: T0_ISO,
      deadlines: { 'd-fu': { status: 'open' } },
    });
  });

  it('closes praise straight from reported (LC-1)', () => {
    const then = given(caseReported({ type: 'praise', caseNumber: 'BE-2026-0001' })).when(
      close('Vidarebefordrat till enheten.'),
    );
    expect(then.state().stage).toBe('closed');
  });

  it('requires the investigation (LC-3)', () => {
    given(caseReported({ type: 'deviation', caseNumber: 'AV-2026-0001' }))
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'INVESTIGATION_REQUIRED' });
    given(caseReported(), e.investigationStarted())
      .when(close())
      .thenRefused({ reason: 'INVESTIGATION_REQUIRED' });
  });

  it('requires the decision for lex Sarah and lex Maria', () => {
    given(caseReported(), e.investigationStarted(), e.investigationRecorded())
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'DECISION_REQUIRED' });
  });

  it('requires the IVO report after a serious decision', () => {
    const serious = [
      caseReported(),
      e.investigationStarted(),
      e.investigationRecorded(),
      e.decided('allvarligt_missforhallande'),
    ];
    given(...serious)
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_REQUIRED' });
    given(...serious, e.reportedToIvo())
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'BOARD_INFORMATION_REQUIRED' });
    given(...serious, e.reportedToIvo(), e.boardInformed())
      .when(close())
      .events();
  });

  it('requires every action to be followed up', () => {
    given(...lexSarahDone, e.actionAdded('a1'))
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ACTIONS_NOT_FOLLOWED_UP' });
    given(...lexSarahDone, e.actionAdded('a1'), e.actionCompleted('a1'))
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ACTIONS_NOT_FOLLOWED_UP' });
    given(...lexSarahDone, e.actionAdded('a1'), e.actionCompleted('a1'), e.followUpRecorded(['a1'], false))
      .when(close())
      .events();
  });

  it('requires classification of public feedback', () => {
    given(complaintReported({ unclassified: true, type: 'praise', caseNumber: 'BE-2026-0002' }))
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'CLASSIFICATION_REQUIRED' });
  });

  it("requires a complaint's conclusion on whether a deviation occurred, even after reclassification", () => {
    given(
      caseReported({ type: 'suggestion', caseNumber: 'SY-2026-0001' }),
      e.investigationStarted(),
      e.investigationRecorded(),
      {
        type: 'CaseClassified',
        data: {
          fromType: 'suggestion',
          toType: 'complaint',
          category: 'bemötande',
          rationale: 'Missnöje.',
          by: 'sas',
          at: T0_ISO,
        },
      },
    )
      .when(close())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'DEVIATION_OCCURRED_REQUIRED' });
  });

  it('requires a summary', () => {
    given(...lexSarahDone)
      .when(close('  '))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'summary', reason: 'SUMMARY_REQUIRED' });
  });

  it('closes a complaint with no deviation and no actions', () => {
    given(
      complaintReported(),
      e.investigationStarted(),
      e.investigationRecorded({ deviationOccurred: false }),
    )
      .when(close())
      .events();
  });
});
