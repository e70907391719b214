import { personnummerWarnings } from './personnummer-warnings';

describe('a report whose text holds a personnummer is answered with a warning (issue 21)', () => {
  it('names every field that holds one', () => {
    expect(
      personnummerWarnings({
        description: 'Brukaren 19121212-1212 föll',
        immediateActions: 'Ringde 070-123 45 69',
        'onBehalfOf.name': 'Anhörig 811218-9876',
        'onBehalfOf.contact': undefined,
      }),
    ).toEqual({
      warnings: [
        {
          code: 'PERSONNUMMER_IN_TEXT',
          fields: ['description', 'onBehalfOf.name'],
          message: expect.stringMatching(/^Texten verkar innehålla ett personnummer\./),
        },
      ],
    });
  });

  it('says nothing, and adds no field, when no text holds one', () => {
    expect(personnummerWarnings({ description: 'LS-2026-0007 och 19121212-1213', name: null })).toEqual({});
  });
});
