import {
  classificationLabel,
  classificationOptions,
  emptyDraft,
  fromDrafts,
  listError,
  rowError,
  toDrafts,
} from './classifications';

describe('the classification lists editor (issue 24)', () => {
  it('keeps saved codes, trims what is typed and sends both lists with the version', () => {
    const categories = toDrafts([{ code: 'fall', label: 'Fall' }]);
    expect(categories[0]).toMatchObject({ code: 'fall', label: 'Fall', saved: true });
    const added = { ...emptyDraft(), code: ' rutin ', label: ' Rutin ' };
    expect(added.saved).toBe(false);
    expect(fromDrafts({ categories: [...categories, added], lagrum: [] }, 3)).toEqual({
      version: 3,
      categories: [
        { code: 'fall', label: 'Fall' },
        { code: 'rutin', label: 'Rutin' },
      ],
      lagrum: [],
    });
  });

  it('places the api field errors on their row and list', () => {
    const errors = [
      { field: 'categories[1].label', code: 'DUPLICATE', message: 'Fall finns redan i listan (rad 1).' },
      { field: 'lagrum[0].code', code: 'REQUIRED', message: 'Fältet lagrum[0].code får inte vara tomt.' },
      { field: 'categories', code: 'OTHER_REQUIRED', message: 'Kategorin annat måste finnas kvar.' },
    ];
    expect(rowError(errors, 'categories', 1, 'label')).toBe('Fall finns redan i listan (rad 1).');
    expect(rowError(errors, 'lagrum', 0, 'code')).toBe('Fältet får inte vara tomt.');
    expect(rowError(errors, 'categories', 0, 'label')).toBeUndefined();
    expect(listError(errors, 'categories')).toBe('Kategorin annat måste finnas kvar.');
    expect(listError(errors, 'lagrum')).toBeUndefined();
  });

  it('shows a code by its label and a value from before the lists as it was typed (on the case only)', () => {
    const lists = { categories: [{ code: 'läkemedel', label: 'Läkemedel' }], lagrum: [] };
    expect(classificationLabel(lists, 'categories', 'läkemedel')).toBe('Läkemedel');
    expect(classificationLabel(lists, 'categories', 'medicin')).toBe('medicin');
    expect(classificationLabel(lists, 'lagrum', null)).toBeNull();
    expect(classificationOptions(lists.categories, 'Välj')).toEqual([
      { value: '', label: 'Välj' },
      { value: 'läkemedel', label: 'Läkemedel' },
    ]);
  });
});
