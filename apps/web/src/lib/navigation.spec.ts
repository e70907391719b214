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
        '/rapporter',
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
      'Berättelser och rapporter',
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

describe('the ledningssystem document and the March review in the menu (PR-9, DL-24)', () => {
  const children = (roles: string[]) =>
    navigationFor(roles)
      .find((i) => i.path === '/ledningssystem')
      ?.children?.map((c) => c.path) ?? [];
  it('kvalitet gets both; a unit manager the document only; staff neither', () => {
    expect(children(['quality_coordinator'])).toEqual(
      expect.arrayContaining(['/ledningssystem/dokument', '/ledningssystem/arlig-genomgang']),
    );
    expect(children(['unit_manager'])).toContain('/ledningssystem/dokument');
    expect(children(['unit_manager'])).not.toContain('/ledningssystem/arlig-genomgang');
    expect(children(['staff'])).toEqual([]);
  });
});

describe('processes and routines in the ledningssystem menu (PR-7)', () => {
  it('every role with the ledningssystem menu gets the register; staff reach it from the report form', () => {
    const children = (roles: string[]) =>
      navigationFor(roles)
        .find((i) => i.path === '/ledningssystem')
        ?.children?.map((c) => c.path) ?? [];
    for (const role of ['quality_coordinator', 'director', 'unit_manager', 'lex_sarah_investigator', 'mas'])
      expect(children([role])).toContain('/ledningssystem/rutiner');
    expect(children(['staff'])).toEqual([]);
  });
});

describe('the årshjul in the ledningssystem menu (DL-31, AUD-13)', () => {
  it('kvalitet, the director, SAS, MAS and the managers get it; staff do not', () => {
    const children = (roles: string[]) =>
      navigationFor(roles)
        .find((i) => i.path === '/ledningssystem')
        ?.children?.map((c) => c.path) ?? [];
    for (const role of ['quality_coordinator', 'director', 'lex_sarah_investigator', 'mas', 'unit_manager'])
      expect(children([role])).toContain('/ledningssystem/arshjul');
    expect(children(['staff'])).toEqual([]);
  });
});

describe('ej verkställda beslut in the ledningssystem menu (AUD-25)', () => {
  it('kvalitet, the director and management get it; unit managers and staff do not', () => {
    const children = (roles: string[]) =>
      navigationFor(roles)
        .find((i) => i.path === '/ledningssystem')
        ?.children?.map((c) => c.path) ?? [];
    for (const role of ['quality_coordinator', 'director', 'management_team'])
      expect(children([role])).toContain('/ledningssystem/ej-verkstallda-beslut');
    expect(children(['unit_manager'])).not.toContain('/ledningssystem/ej-verkstallda-beslut');
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

describe('Berättelser och rapporter in the menu (REP-1, DL-22, DL-23)', () => {
  it('is offered to the reports’ owners, the MAS included, and to no one else', () => {
    for (const role of ['mas', 'quality_coordinator', 'director'])
      expect(paths([role])).toContain('/rapporter');
    for (const role of ['staff', 'unit_manager', 'lex_sarah_investigator', 'management_team'])
      expect(paths([role])).not.toContain('/rapporter');
  });
});

describe('förordnanden and lex Sarah information in the ledningssystem menu (AUD-5, DL-29)', () => {
  const children = (roles: string[]) =>
    navigationFor(roles)
      .find((i) => i.path === '/ledningssystem')
      ?.children?.map((c) => c.path) ?? [];
  it('kvalitet gets both; a unit manager the training; ledning the förordnanden; staff neither', () => {
    expect(children(['quality_coordinator'])).toEqual(
      expect.arrayContaining(['/ledningssystem/forordnanden', '/ledningssystem/utbildning']),
    );
    expect(children(['unit_manager'])).toContain('/ledningssystem/utbildning');
    expect(children(['management_team'])).toContain('/ledningssystem/forordnanden');
    expect(children(['management_team'])).not.toContain('/ledningssystem/utbildning');
    expect(children(['staff'])).toEqual([]);
  });
});

describe('händelseanalyser and risk observations in the ledningssystem menu (RA-11, RA-12)', () => {
  const children = (roles: string[]) =>
    navigationFor(roles)
      .find((i) => i.path === '/ledningssystem')
      ?.children?.map((c) => c.path) ?? [];
  it('händelseanalyser for kvalitet, SAS, MAS and managers; the triage of observations for managers', () => {
    for (const role of ['quality_coordinator', 'lex_sarah_investigator', 'mas', 'unit_manager'])
      expect(children([role])).toContain('/ledningssystem/handelseanalyser');
    expect(children(['unit_manager'])).toContain('/ledningssystem/riskobservationer');
    expect(children(['lex_sarah_investigator'])).not.toContain('/ledningssystem/riskobservationer');
  });
});
