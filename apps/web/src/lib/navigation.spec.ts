import { homePathFor, navigationFor, overviewSectionsFor } from './navigation';

const paths = (roles: string[]) => navigationFor(roles).map((i) => i.path);

describe('menu per role (api.md demo users)', () => {
  it.each([
    [['staff'], ['/rapportera', '/uppgifter', '/arenden'], '/rapportera'],
    [
      ['unit_manager'],
      ['/rapportera', '/uppgifter', '/arenden', '/oversikt', '/riskanalyser', '/ledningssystem'],
      '/uppgifter',
    ],
    [
      ['lex_sarah_investigator'],
      ['/rapportera', '/uppgifter', '/arenden', '/dagens-lista', '/oversikt'],
      '/uppgifter',
    ],
    [
      ['quality_coordinator'],
      [
        '/rapportera',
        '/uppgifter',
        '/arenden',
        '/oversikt',
        '/riskanalyser',
        '/ledningssystem',
        '/installningar',
        '/gallring',
      ],
      '/uppgifter',
    ],
    [['management_team'], ['/rapportera', '/oversikt'], '/oversikt'],
    [['data_protection_officer'], ['/rapportera', '/uppgifter', '/arenden', '/gallring'], '/uppgifter'],
    [[], ['/rapportera'], '/rapportera'],
  ])('%j sees %j and lands on %s', (roles, expected, home) => {
    expect(paths(roles)).toEqual(expected);
    expect(homePathFor(roles)).toBe(home);
  });

  it('labels are Swedish', () => {
    expect(navigationFor(['quality_coordinator']).map((i) => i.label)).toEqual([
      'Rapportera',
      'Mina uppgifter',
      'Ärenden',
      'Översikt',
      'Riskanalyser',
      'Ledningssystem',
      'Inställningar',
      'Gallring',
    ]);
  });
});

describe('overview sections per role', () => {
  it('ledning gets the reports, not risk analyses or the berättelser', () => {
    expect(overviewSectionsFor(['management_team'])).toEqual({
      reports: true,
      riskMatrix: false,
      patientsakerhetsberattelse: false,
      kvalitetsberattelse: false,
    });
  });
  it('a unit manager gets the risk matrix only; kvalitet everything; MAS its berättelse', () => {
    expect(overviewSectionsFor(['unit_manager'])).toEqual({
      reports: false,
      riskMatrix: true,
      patientsakerhetsberattelse: false,
      kvalitetsberattelse: false,
    });
    expect(Object.values(overviewSectionsFor(['quality_coordinator'])).every(Boolean)).toBe(true);
    expect(overviewSectionsFor(['mas'])).toMatchObject({
      reports: true,
      patientsakerhetsberattelse: true,
      kvalitetsberattelse: false,
    });
  });
});
