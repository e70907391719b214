import { escalationTargetOf, reverseCaseLinkRelation } from '../case-link';
import { MANAGER, T0_ISO, caseReported, command, events, given } from '../test-support';

const OTHER = '0b6f1c52-4f59-4d47-9d9b-2f3c1f0a0c01';
const deviation = () => caseReported({ type: 'deviation', caseNumber: 'AV-2026-0031' });
const link = (relation: 'related' | 'led_to' | 'led_from' | 'same_event', caseId = OTHER) =>
  command('link', { caseId, caseNumber: 'AV-2026-0040', relation }, MANAGER);
const linked = (relation: 'related' | 'led_to' | 'led_from' | 'same_event') => ({
  type: 'CaseLinked' as const,
  data: { caseId: OTHER, caseNumber: 'AV-2026-0040', relation, by: 'enhetschef', at: T0_ISO },
});

describe('link (api.md v1.1, LC-2)', () => {
  it('records one side of the link, and the state lists it', () => {
    const then = given(deviation()).when(link('led_to'));
    then.then(linked('led_to'));
    expect(then.state().links).toEqual([{ caseId: OTHER, caseNumber: 'AV-2026-0040', relation: 'led_to' }]);
  });

  it('the same case and relation again writes nothing; another relation is another link', () => {
    given(deviation(), linked('related')).when(link('related')).thenNothing();
    given(deviation(), linked('related')).when(link('related', OTHER.toUpperCase())).thenNothing();
    given(deviation(), linked('related')).when(link('same_event')).then(linked('same_event'));
  });

  it('a case linked to itself is 400, an unknown relation is 400', () => {
    given(deviation())
      .when(link('related', 'case-1'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'caseId', reason: 'CASE_ID_SELF_LINK' });
    given(deviation())
      .when(command('link', { caseId: OTHER, caseNumber: 'x', relation: 'caused' as never }, MANAGER))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'relation' });
  });

  it('is allowed on a closed case', () => {
    given(deviation(), events.closed()).when(link('related')).then(linked('related'));
  });

  it('the other side reads led_from for led_to; related and same_event are symmetric', () => {
    expect(reverseCaseLinkRelation('led_to')).toBe('led_from');
    expect(reverseCaseLinkRelation('led_from')).toBe('led_to');
    expect(reverseCaseLinkRelation('related')).toBe('related');
    expect(reverseCaseLinkRelation('same_event')).toBe('same_event');
  });
});

describe('escalate to lex Sarah / lex Maria (LC-2, LC-4 step 6)', () => {
  const escalate = (toType: 'lex_sarah' | 'lex_maria', rationale = 'Allvarligt missförhållande.') =>
    command('escalate', { toType, rationale, newCaseId: OTHER, newCaseNumber: 'LS-2026-0009' }, MANAGER);

  it('a deviation leads to a lex Sarah case: the original records led_to with the rationale', () => {
    const then = given(deviation()).when(escalate('lex_sarah'));
    then.then({
      type: 'CaseLinked',
      data: {
        caseId: OTHER,
        caseNumber: 'LS-2026-0009',
        relation: 'led_to',
        escalatedTo: 'lex_sarah',
        rationale: 'Allvarligt missförhållande.',
        by: 'enhetschef',
        at: T0_ISO,
      },
    });
    // The original keeps its type and stage (statistics count it as the deviation it was).
    expect(then.state()).toMatchObject({ type: 'deviation', stage: 'reported' });
  });

  it('a deviation is escalated once', () => {
    const first = given(deviation()).when(escalate('lex_sarah')).events();
    given(deviation(), ...first)
      .when(escalate('lex_sarah'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_ESCALATED' });
    // An ordinary led_to link is no escalation.
    given(deviation(), linked('led_to'))
      .when(escalate('lex_sarah'))
      .then(expect.anything() as never);
  });

  it('an HSL deviation goes to lex Maria only; other types cannot be escalated', () => {
    expect(escalationTargetOf('hsl_deviation')).toBe('lex_maria');
    given(caseReported({ type: 'hsl_deviation', caseNumber: 'HA-2026-0002' }))
      .when(escalate('lex_sarah'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_ESCALATION_TARGET' });
    given(caseReported({ type: 'complaint', caseNumber: 'KL-2026-0002' }))
      .when(escalate('lex_sarah'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_ALLOWED_FOR_TYPE' });
  });

  it('needs a rationale and a statutory target type', () => {
    given(deviation())
      .when(escalate('lex_sarah', '  '))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'rationale' });
    given(deviation())
      .when(escalate('complaint' as never))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'toType' });
  });

  it('a refused reclassification after a decision points at the escalation', () => {
    const decided = given(
      deviation(),
      events.investigationStarted(),
      events.investigationRecorded(),
      events.decided('avvikelse_bekraftad'),
    ).when(command('classify', { type: 'lex_sarah', category: 'x', rationale: 'y' }, MANAGER));
    decided.thenRefused({ reason: 'RECLASSIFICATION_AFTER_DECISION' });
    expect(!decided.result.ok && decided.result.refusal.message).toContain('Eskalera till lex Sarah');
  });
});
