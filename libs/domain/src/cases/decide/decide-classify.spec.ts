import { SAS, T0_ISO, caseReported, command, complaintReported, events as e, given } from '../test-support';

describe('classify', () => {
  it('reclassifies a deviation to lex Sarah with its rationale, keeping number and reportedAt (LC-2)', () => {
    const deviation = caseReported({ type: 'deviation', caseNumber: 'AV-2026-0031' });
    const then = given(deviation).when(
      command(
        'classify',
        {
          type: 'lex_sarah',
          category: 'omsorg',
          lagrum: 'SoL 14 kap. 3 §',
          rationale: 'Påtaglig risk för brukaren.',
        },
        SAS,
      ),
    );
    then.then({
      type: 'CaseClassified',
      data: {
        fromType: 'deviation',
        toType: 'lex_sarah',
        category: 'omsorg',
        lagrum: 'SoL 14 kap. 3 §',
        rationale: 'Påtaglig risk för brukaren.',
        by: 'sas',
        at: T0_ISO,
      },
    });
    expect(then.state()).toMatchObject({
      type: 'lex_sarah',
      reportedType: 'deviation',
      caseNumber: 'AV-2026-0031',
      reportedAt: deviation.data.reportedAt,
    });
  });

  it('sets a category without changing the type; the rationale is then optional', () => {
    given(caseReported({ type: 'deviation', caseNumber: 'AV-2026-0031' }))
      .when(command('classify', { category: 'organisational' }))
      .then({
        type: 'CaseClassified',
        data: {
          fromType: 'deviation',
          toType: 'deviation',
          category: 'organisational',
          rationale: '',
          by: 'sas',
          at: T0_ISO,
        },
      });
  });

  it('classifies unclassified public feedback and moves it to the right unit (LC-4)', () => {
    const then = given(complaintReported({ unclassified: true, unitId: 'forvaltning', channel: 'web' })).when(
      command('classify', {
        type: 'suggestion',
        category: 'tillgänglighet',
        rationale: 'Ett förslag, inte missnöje.',
        unitId: 'hemtjanst-norr',
      }),
    );
    then.then({
      type: 'CaseClassified',
      data: {
        fromType: 'complaint',
        toType: 'suggestion',
        category: 'tillgänglighet',
        rationale: 'Ett förslag, inte missnöje.',
        fromUnitId: 'forvaltning',
        toUnitId: 'hemtjanst-norr',
        by: 'sas',
        at: T0_ISO,
      },
    });
    expect(then.state()).toMatchObject({ type: 'suggestion', unclassified: false, unitId: 'hemtjanst-norr' });
  });

  it('requires a rationale when the type changes', () => {
    given(caseReported({ type: 'hsl_deviation', caseNumber: 'HA-2026-0002' }))
      .when(command('classify', { type: 'lex_maria', category: 'läkemedel', rationale: '  ' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'rationale', reason: 'RATIONALE_REQUIRED' });
  });

  it('requires a category and a known type', () => {
    given(caseReported())
      .when(command('classify', { category: '' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'category' });
    given(caseReported())
      .when(command('classify', { type: 'organisational' as never, category: 'x', rationale: 'y' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'type', reason: 'TYPE_INVALID' });
  });

  it('refuses a change of type after a decision', () => {
    given(caseReported(), e.investigationStarted(), e.investigationRecorded(), e.decided('missforhallande'))
      .when(command('classify', { type: 'deviation', category: 'x', rationale: 'Felklassad.' }))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'RECLASSIFICATION_AFTER_DECISION' });
  });
});
