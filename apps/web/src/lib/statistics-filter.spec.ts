import { statisticsPeriodLabel, statisticsRange, unitAndBelow } from './statistics-filter';

describe('statistics filters (issue 21)', () => {
  it('gives a year or a tertial as first and last day', () => {
    expect(statisticsRange(2026, 'year')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(statisticsRange(2026, 't1')).toEqual({ from: '2026-01-01', to: '2026-04-30' });
    expect(statisticsRange(2026, 't2')).toEqual({ from: '2026-05-01', to: '2026-08-31' });
    expect(statisticsRange(2025, 't3')).toEqual({ from: '2025-09-01', to: '2025-12-31' });
    expect(statisticsPeriodLabel(2026, 't2')).toBe('tertial 2 2026');
  });

  it('finds a unit and all units below it in the depth-first list', () => {
    const units = [
      { id: 'forvaltning', name: 'F', depth: 0, boardId: 'b' },
      { id: 'aldreomsorg', name: 'Ä', depth: 1, boardId: 'b' },
      { id: 'solgarden', name: 'S', depth: 2, boardId: 'b' },
      { id: 'hemtjanst', name: 'H', depth: 2, boardId: 'b' },
      { id: 'ifo', name: 'I', depth: 1, boardId: 'b' },
    ];
    expect([...unitAndBelow(units, 'aldreomsorg')]).toEqual(['aldreomsorg', 'solgarden', 'hemtjanst']);
    expect([...unitAndBelow(units, 'ifo')]).toEqual(['ifo']);
    expect(unitAndBelow(units, 'forvaltning').size).toBe(5);
  });
});
