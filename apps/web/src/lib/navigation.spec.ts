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
      ['/rapportera', '/uppgifter', '/arenden', '/dagens-lista', '/oversikt', '/ledningssystem'],
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
    [['management_team'], ['/rapportera', '/oversikt', '/ledningssystem'], '/oversikt'],
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

describe('egenkontroll and internkontroll in the ledningssystem menu (EK-5, IK-1)', () => {
  const children = (roles: string[]) =>
    navigationFor(roles)
      .find((i) => i.path === '/ledningssystem')
      ?.children?.map((c) => c.path) ?? [];
  it('kvalitet gets both; SAS and MAS see the units egenkontroll too; a unit manager only egenkontroll', () => {
    for (const roles of [['quality_coordinator'], ['lex_sarah_investigator'], ['mas']]) {
      expect(children(roles)).toEqual(
        expect.arrayContaining(['/ledningssystem/egenkontroll', '/ledningssystem/internkontroll']),
      );
    }
    expect(children(['unit_manager'])).toContain('/ledningssystem/egenkontroll');
    expect(children(['unit_manager'])).not.toContain('/ledningssystem/internkontroll');
    expect(children(['management_team'])).toContain('/ledningssystem/internkontroll');
    expect(children(['management_team'])).not.toContain('/ledningssystem/egenkontroll');
    expect(children(['staff'])).toEqual([]);
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
