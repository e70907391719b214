import { unitOptionsByBoard } from './unit-options';

describe('unit pickers grouped by board (ADR 0030)', () => {
  it('keeps the tree order within a board and names the group by the board', () => {
    expect(
      unitOptionsByBoard(
        [
          { id: 'forvaltning', name: 'Socialförvaltningen', depth: 0, boardId: 'socialnamnden' },
          { id: 'solgarden', name: 'Solgården', depth: 1, boardId: 'socialnamnden' },
          { id: 'linden', name: 'Linden', depth: 1, boardId: 'omsorgsnamnden' },
        ],
        { socialnamnden: 'Socialnämnden', omsorgsnamnden: 'Vård- och omsorgsnämnden' },
      ),
    ).toEqual([
      {
        group: 'Socialnämnden',
        items: [
          { value: 'forvaltning', label: 'Socialförvaltningen' },
          { value: 'solgarden', label: '\u00a0\u00a0Solgården' },
        ],
      },
      { group: 'Vård- och omsorgsnämnden', items: [{ value: 'linden', label: '\u00a0\u00a0Linden' }] },
    ]);
  });
});
