import { commandForm, isShown } from './command-forms';
import { classificationLabel, withOtherText } from './classifications';
import type { CaseView } from '../api/types';

/** The classify form's "Annat" (issue 21): a required text field appears, and only then is it sent. */
const lists = {
  categories: [
    { code: 'fall', label: 'Fall' },
    { code: 'annat', label: 'Annat' },
  ],
  lagrum: [{ code: '14 kap. 3 § SoL', label: '14 kap. 3 § SoL (lex Sarah)' }],
};
const view = {
  id: 'c1',
  type: 'deviation',
  unitId: 'solgarden',
  category: 'annat',
  categoryText: 'Överlämning',
  lagrum: null,
  lagrumText: null,
} as unknown as CaseView;

describe('classify with annat (issue 21)', () => {
  const form = commandForm('classify', view, { username: 'sas' }, '2026-12-07', { classifications: lists });
  const field = (name: string) => form.fields.find((f) => f.name === name)!;

  it('shows "Beskriv kategorin" only while Annat is chosen, and offers Annat as a lagrum', () => {
    expect(field('categoryText')).toMatchObject({ label: 'Beskriv kategorin', required: true });
    expect(isShown(field('categoryText'), { category: 'annat' })).toBe(true);
    expect(isShown(field('categoryText'), { category: 'fall' })).toBe(false);
    expect(field('lagrum').options?.at(-1)).toEqual({ value: 'annat', label: 'Annat' });
    expect(form.initial).toMatchObject({ category: 'annat', categoryText: 'Överlämning' });
  });

  it('sends the words only with annat', () => {
    expect(form.toBody({ category: 'annat', categoryText: ' Överlämning ', lagrum: '' })).toEqual({
      category: 'annat',
      categoryText: 'Överlämning',
    });
    expect(
      form.toBody({ category: 'fall', categoryText: 'Överlämning', lagrum: 'annat', lagrumText: 'X' }),
    ).toEqual({
      category: 'fall',
      lagrum: 'annat',
      lagrumText: 'X',
    });
  });

  it('shows the case as "Annat: …"', () => {
    expect(withOtherText(classificationLabel(lists, 'lagrum', 'annat'), '5 kap. 4 § SoL')).toBe(
      'Annat: 5 kap. 4 § SoL',
    );
    expect(withOtherText(classificationLabel(lists, 'categories', 'fall'), null)).toBe('Fall');
  });
});
