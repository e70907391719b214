import { Organisation } from '../org/organisation';
import { ORGANISATION } from '../org/organisation.instance';
import { caseListWhere, likePattern } from './case-list.query';

// One board holding every unit: the board condition is board-limits.spec's subject.
const org = new Organisation(ORGANISATION.units);
const boardUnitIds = org.units.map((unit) => unit.id);
const now = new Date('2026-11-25T12:00:00Z');

describe('case list WHERE clause', () => {
  it('applies no visibility condition for board-wide readers', () => {
    expect(
      caseListWhere({ all: true, unitIds: [], types: [], username: 'kvalitet', boardUnitIds }, {}, org, now),
    ).toEqual({
      text: '',
      values: [],
    });
  });

  it('limits others to their units, their reports and their assignments', () => {
    const where = caseListWhere(
      {
        all: false,
        unitIds: ['aldreomsorg', 'solgarden'],
        types: [],
        username: 'avdelningschef',
        boardUnitIds,
      },
      {},
      org,
      now,
    );
    expect(where.text).toBe('WHERE (reported_by = $1 OR assignee = $1 OR unit_id = ANY($2::text[]))');
    expect(where.values).toEqual(['avdelningschef', ['aldreomsorg', 'solgarden']]);
    expect(
      caseListWhere(
        { all: false, unitIds: [], types: [], username: 'medarbetare', boardUnitIds },
        {},
        org,
        now,
      ).text,
    ).toBe('WHERE (reported_by = $1 OR assignee = $1)');
    // The data protection officer: every data breach, wherever it is (api.md v1.1).
    const breaches = caseListWhere(
      { all: false, unitIds: [], types: ['data_breach'], username: 'dataskydd', boardUnitIds },
      {},
      org,
      now,
    );
    expect(breaches.text).toBe('WHERE (reported_by = $1 OR assignee = $1 OR type = ANY($2::text[]))');
    expect(breaches.values).toEqual(['dataskydd', ['data_breach']]);
  });

  it('turns filters into parameters: unit subtree, Stockholm dates, literal q, overdue', () => {
    const where = caseListWhere(
      { all: true, unitIds: [], types: [], username: 'kvalitet', boardUnitIds },
      {
        unitId: 'aldreomsorg',
        from: '2026-11-01',
        to: '2026-11-30',
        q: '50%_off',
        overdue: true,
        type: 'complaint',
        stage: 'reported',
        assignee: 'sas',
      },
      org,
      now,
    );
    expect(where.values).toEqual([
      'complaint',
      'reported',
      expect.arrayContaining(['aldreomsorg', 'solgarden', 'hemtjanst-norr']),
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
      '%50\\%\\_off%',
      'sas',
      now.toISOString(),
    ]);
    expect(where.text).toContain(
      "(case_number ILIKE $6 OR (description ILIKE $6 AND state->'protectedIdentity' IS NULL))",
    );
    expect(where.text).toContain('missed_deadlines > 0');
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('a\\b%c_d')).toBe('%a\\\\b\\%c\\_d%');
  });
});
