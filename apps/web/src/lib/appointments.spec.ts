import {
  byStanding,
  holderText,
  informationStanding,
  longDate,
  missingRolesHeading,
  validityText,
} from './appointments';

describe('förordnanden and lex Sarah information in words (AUD-5, DL-29)', () => {
  it('counts missing roles grammatically', () => {
    expect(missingRolesHeading(1)).toBe('1 roll saknar förordnande');
    expect(missingRolesHeading(2)).toBe('2 roller saknar förordnande');
  });

  it('shows dates as people write them', () => {
    expect(longDate('2026-03-01')).toBe('1 mars 2026');
    expect(validityText('2026-01-01', null)).toBe('Från 1 januari 2026, tills vidare');
    expect(validityText('2026-01-01', '2026-12-31')).toBe('1 januari 2026 – 31 december 2026');
  });

  it('names a role holder by the role, a person by name', () => {
    expect(holderText({ holder: 'director', holderRole: 'director', holderName: null })).toBe(
      'Förvaltningschef (alla med rollen)',
    );
    expect(holderText({ holder: 'mas', holderRole: null, holderName: 'Eva Holm' })).toBe('Eva Holm');
  });

  it('puts late information first, then due within 30 days', () => {
    const today = '2026-12-07';
    const r = (username: string, nextDue: string | null, status = 'active') => ({
      username,
      name: null,
      nextDue,
      status,
    });
    expect(informationStanding(r('a', '2026-12-07'), today)).toBe('overdue');
    expect(informationStanding(r('b', '2027-01-06'), today)).toBe('soon');
    expect(informationStanding(r('c', '2027-01-07'), today)).toBe('ok');
    expect(
      byStanding([r('c', '2027-06-01'), r('b', '2026-12-20'), r('a', '2026-11-01')], today).map(
        (x) => x.username,
      ),
    ).toEqual(['a', 'b', 'c']);
  });
});
