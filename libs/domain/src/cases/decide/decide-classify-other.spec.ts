import { unlistedClassificationErrors, DEFAULT_CLASSIFICATIONS } from '../../classifications/classifications';
import { T0_ISO, caseReported, command, given } from '../test-support';

/** "Annat" with the classifier's own words (issue 21, DATA-5): kept on the case, counted as annat. */
describe('classify as annat', () => {
  const deviation = () => caseReported({ type: 'deviation', caseNumber: 'AV-2026-0040' });

  it('refuses annat without the words for it, for the category and the lagrum', () => {
    given(deviation())
      .when(command('classify', { category: 'annat' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'categoryText' });
    given(deviation())
      .when(command('classify', { category: 'fall', lagrum: 'annat', lagrumText: '  ' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'lagrumText' });
  });

  it('records the words with annat, ignores them with a listed code and replaces them on reclassification', () => {
    const history = given(deviation());
    history
      .when(
        command('classify', {
          category: 'annat',
          categoryText: ' Brister i nattpatrullens överlämning ',
          lagrum: 'annat',
          lagrumText: '5 kap. 4 § SoL',
        }),
      )
      .then({
        type: 'CaseClassified',
        data: {
          fromType: 'deviation',
          toType: 'deviation',
          category: 'annat',
          lagrum: 'annat',
          categoryText: 'Brister i nattpatrullens överlämning',
          lagrumText: '5 kap. 4 § SoL',
          rationale: '',
          by: 'sas',
          at: T0_ISO,
        },
      });
    const other = history
      .when(
        command('classify', {
          category: 'annat',
          categoryText: 'Överlämning',
          lagrum: 'annat',
          lagrumText: 'X',
        }),
      )
      .state();
    expect(other).toMatchObject({ category: 'annat', categoryText: 'Överlämning', lagrumText: 'X' });

    given(deviation())
      .when(command('classify', { category: 'fall', categoryText: 'ska inte sparas' }))
      .then({
        type: 'CaseClassified',
        data: {
          fromType: 'deviation',
          toType: 'deviation',
          category: 'fall',
          rationale: '',
          by: 'sas',
          at: T0_ISO,
        },
      });
  });

  it('the api check: annat needs its text (OTHER_TEXT_REQUIRED) and is a lagrum choice even off the list', () => {
    expect(unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, { category: 'annat' })).toEqual([
      {
        field: 'categoryText',
        code: 'OTHER_TEXT_REQUIRED',
        message: 'Beskriv kategorin när du väljer Annat.',
      },
    ]);
    expect(
      unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, {
        category: 'annat',
        categoryText: 'Överlämning',
        lagrum: 'annat',
        lagrumText: '5 kap. 4 § SoL',
      }),
    ).toEqual([]);
    expect(
      unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, { category: 'fall', lagrum: 'annat' }),
    ).toEqual([
      { field: 'lagrumText', code: 'OTHER_TEXT_REQUIRED', message: 'Beskriv lagrummet när du väljer Annat.' },
    ]);
  });
});
