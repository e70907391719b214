import {
  describeInterval,
  mayManageRoutinesOf,
  revisionStateOf,
  sortRoutines,
  suggestNextVersion,
  unitWithDescendants,
} from './routines';

const units = [
  { id: 'forvaltning', name: 'Förvaltningen', depth: 0, boardId: 'b' },
  { id: 'aldreomsorg', name: 'Äldreomsorg', depth: 1, boardId: 'b' },
  { id: 'solgarden', name: 'Solgården', depth: 2, boardId: 'b' },
  { id: 'funktionsstod', name: 'Funktionsstöd', depth: 1, boardId: 'b' },
];

describe('the routine register in the web (PR-1, PR-5, DL-32)', () => {
  const r = (
    code: string,
    nextRevisionDue: string | null,
    status: 'draft' | 'adopted' | 'repealed' = 'adopted',
  ) => ({
    code,
    status,
    nextRevisionDue,
    revisionOverdue: false,
  });

  it('flags overdue revisions, warns 60 days ahead', () => {
    expect(revisionStateOf(r('A', '2026-12-01'), '2026-12-07')).toBe('overdue');
    expect(revisionStateOf(r('A', '2026-12-07'), '2026-12-07')).toBe('overdue');
    expect(revisionStateOf(r('A', '2027-02-05'), '2026-12-07')).toBe('soon');
    expect(revisionStateOf(r('A', '2027-02-06'), '2026-12-07')).toBe('ok');
    expect(revisionStateOf(r('A', null, 'draft'), '2026-12-07')).toBe('none');
    expect(revisionStateOf(r('A', '2020-01-01', 'repealed'), '2026-12-07')).toBe('none');
  });

  it('lists overdue first, then the ones due soon, then the rest by document id', () => {
    const sorted = sortRoutines(
      [r('C', '2028-01-01'), r('B', null, 'draft'), r('A', '2027-01-10'), r('D', '2026-01-01')],
      '2026-12-07',
    );
    expect(sorted.map((x) => x.code)).toEqual(['D', 'A', 'C', 'B']);
  });

  it('says intervals as people do', () => {
    expect(describeInterval('P1Y')).toBe('1 år');
    expect(describeInterval('P6M')).toBe('6 månader');
    expect(describeInterval('P1Y6M')).toBe('1 år och 6 månader');
    expect(describeInterval('P1M')).toBe('1 månad');
    expect(describeInterval('konstigt')).toBe('konstigt');
  });

  it('offers forms where the api allows them', () => {
    expect(unitWithDescendants(units, 'aldreomsorg')).toEqual(['aldreomsorg', 'solgarden']);
    const manager = { roles: ['unit_manager'], unitIds: ['aldreomsorg'] };
    expect(mayManageRoutinesOf(manager, 'solgarden', units)).toBe(true);
    expect(mayManageRoutinesOf(manager, 'funktionsstod', units)).toBe(false);
    expect(mayManageRoutinesOf({ roles: ['quality_coordinator'], unitIds: [] }, 'funktionsstod', units)).toBe(
      true,
    );
    expect(mayManageRoutinesOf({ roles: ['staff'], unitIds: ['solgarden'] }, 'solgarden', units)).toBe(false);
  });

  it('suggests the next version number', () => {
    expect(suggestNextVersion(null)).toBe('1.0');
    expect(suggestNextVersion('2.3')).toBe('3.0');
  });
});
