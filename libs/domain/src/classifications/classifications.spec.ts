import {
  ClassificationVocabulary,
  DEFAULT_CLASSIFICATIONS,
  DEFAULT_CLASSIFICATION_VOCABULARY,
  classificationErrors,
  normaliseClassifications,
  unlistedClassificationErrors,
} from './classifications';

describe('classification lists (issue 24)', () => {
  it('the demo lists hold the categories and lagrum of api.md v1.1', () => {
    expect(DEFAULT_CLASSIFICATIONS.categories.map((e) => e.code)).toEqual(
      expect.arrayContaining([
        'bemotande',
        'läkemedel',
        'fall',
        'omvårdnad',
        'dokumentation',
        'tillsyn',
        'annat',
      ]),
    );
    expect(DEFAULT_CLASSIFICATIONS.lagrum.map((e) => e.code)).toEqual([
      '14 kap. 3 § SoL',
      '24 b § LSS',
      '3 kap. 5 § PSL',
    ]);
    expect(classificationErrors(DEFAULT_CLASSIFICATIONS)).toEqual([]);
  });

  it('refuses blanks, a code or label twice, a reserved code and a category list without annat', () => {
    const errors = classificationErrors({
      categories: [
        { code: 'fall', label: 'Fall' },
        { code: 'FALL ', label: 'Fall igen' },
        { code: 'halka', label: 'fall' },
        { code: ' ', label: 'Tom' },
        { code: 'ej_angiven', label: 'Ingen' },
      ],
      lagrum: [{ code: 'SoL', label: '' }],
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['categories[1].code', 'DUPLICATE'],
      ['categories[2].label', 'DUPLICATE'],
      ['categories[3].code', 'REQUIRED'],
      ['categories[4].code', 'RESERVED_CODE'],
      ['lagrum[0].label', 'REQUIRED'],
      ['categories', 'OTHER_REQUIRED'],
    ]);
    for (const error of errors) expect(error.message).toMatch(/[åäö]|måste|får/);
  });

  it('lets an entry have the same code and label', () => {
    expect(
      classificationErrors({
        categories: [{ code: 'annat', label: 'annat' }],
        lagrum: [{ code: '24 b § LSS', label: '24 b § LSS' }],
      }),
    ).toEqual([]);
    expect(
      normaliseClassifications({ categories: [{ code: ' annat ', label: ' Annat ' }], lagrum: [] }),
    ).toEqual({ categories: [{ code: 'annat', label: 'Annat' }], lagrum: [] });
  });

  it('a classify value must be a code of the current list, naming the field', () => {
    expect(
      unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, { category: 'fall', lagrum: '24 b § LSS' }),
    ).toEqual([]);
    expect(unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, { category: 'fall' })).toEqual([]);
    const errors = unlistedClassificationErrors(DEFAULT_CLASSIFICATIONS, {
      category: 'Fall',
      lagrum: 'SoL 14 kap. 6 §',
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['category', 'NOT_ON_LIST'],
      ['lagrum', 'NOT_ON_LIST'],
    ]);
    expect(errors[0]!.message).toMatch(/^Fältet category måste vara en kod/);
  });

  describe('the vocabulary maps stored values to codes and codes to labels', () => {
    it('keeps codes, maps a code or label regardless of case and space, and everything else to annat', () => {
      const v = DEFAULT_CLASSIFICATION_VOCABULARY;
      expect(v.codeOf('categories', 'läkemedel')).toBe('läkemedel');
      expect(v.codeOf('categories', ' LÄKEMEDEL')).toBe('läkemedel');
      expect(v.codeOf('categories', 'Bemötande')).toBe('bemotande');
      expect(v.codeOf('categories', 'Anna Andersson 19450312-1234')).toBe('annat');
      expect(v.codeOf('categories', null)).toBeNull();
      expect(v.codeOf('lagrum', '14 kap. 3 § sol')).toBe('14 kap. 3 § SoL');
      expect(v.codeOf('lagrum', '3 kap. 5 § PSL (lex Maria)')).toBe('3 kap. 5 § PSL');
      expect(v.codeOf('lagrum', 'SoL')).toBe('annat');
    });

    it('labels codes from every saved version, the newest label first, and never shows an unknown value', () => {
      const v = new ClassificationVocabulary([
        {
          categories: [
            { code: 'rutin', label: 'Rutin' },
            { code: 'annat', label: 'Annat' },
          ],
          lagrum: [],
        },
        {
          categories: [
            { code: 'fall', label: 'Fallolycka' },
            { code: 'annat', label: 'Övrigt' },
          ],
          lagrum: [],
        },
      ]);
      expect(v.labelOf('categories', 'fall')).toBe('Fallolycka');
      expect(v.labelOf('categories', 'rutin')).toBe('Rutin');
      expect(v.codeOf('categories', 'rutin')).toBe('rutin');
      expect(v.codeOf('categories', 'övrigt')).toBe('annat');
      expect(v.labelOf('categories', 'annat')).toBe('Övrigt');
      expect(v.labelOf('categories', '<script>Anna</script>')).toBe('Övrigt');
      expect(v.labelOf('categories', null)).toBe('Ej angiven');
      expect(v.labelOf('categories', 'ej_angiven')).toBe('Ej angiven');
      expect(v.labelOf('lagrum', 'annat')).toBe('Annat');
      expect(v.labelOf('lagrum', 'HSL')).toBe('Annat');
    });
  });
});
