import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeOrganisationFaults, parseOrganisation } from './parse-organisation';

type Json = Record<string, unknown>;
const FILE = resolve(__dirname, '../../../../config/organisation.json');
const demo = (): Json => JSON.parse(readFileSync(FILE, 'utf8')) as Json;
const faultsOf = (raw: unknown) => {
  const parsed = parseOrganisation(raw);
  if (parsed.ok) throw new Error('väntade fel');
  return parsed.faults;
};
const units = (file: Json) => file['units'] as Json[];
const users = (file: Json) => file['users'] as Json[];

describe('the organisation file (SC-2, SC-3, PR-11, AUD-7; ADR 0030)', () => {
  it("reads the demo organisation: api.md's tree under socialnämnden and a second board", () => {
    const parsed = parseOrganisation(demo());
    if (!parsed.ok) throw new Error(describeOrganisationFaults(parsed.faults));
    const org = parsed.organisation;
    expect(org.municipality).toBe('Exempelkommun');
    expect(org.boards.map((b) => b.id)).toEqual(['socialnamnden', 'omsorgsnamnden']);
    expect(org.unitsOfBoards(['socialnamnden'])).toEqual([
      'aldreomsorg',
      'ekbacken',
      'forsorjningsstod',
      'forvaltning',
      'funktionsstod',
      'hemtjanst-norr',
      'ifo',
      'solgarden',
    ]);
    expect(org.get('solgarden')).toMatchObject({
      name: 'Särskilt boende Solgården',
      parentId: 'aldreomsorg',
      boardId: 'socialnamnden',
    });
    expect(org.boardOf('linden')).toBe('omsorgsnamnden');
    expect(org.boardsOf({ username: 'mas', unitIds: ['forvaltning'] })).toEqual([
      'omsorgsnamnden',
      'socialnamnden',
    ]);
    expect(org.boardsOf({ username: 'kvalitet', unitIds: ['forvaltning'] })).toEqual(['socialnamnden']);
    // A signed-in user the directory does not list (OIDC) serves the boards of their units.
    expect(org.boardsOf({ username: 'okand', unitIds: ['bjorken'] })).toEqual(['omsorgsnamnden']);
    expect(org.roleHolders('omsorgsnamnden', 'mas').map((u) => u.username)).toEqual(['mas']);
    expect(org.units.filter((u) => !u.inLedningssystem).map((u) => u.exclusionAnalysis?.decidedAt)).toEqual([
      '2026-09-15',
    ]);
  });

  it('names the path of every fault, in Swedish', () => {
    const file = demo();
    units(file)[3]!['parentId'] = 'saknas';
    units(file)[4]!['legalAreas'] = ['SoL', 'PBL'];
    units(file)[5]!['forvaltningId'] = 'okand';
    users(file)[0]!['roles'] = ['chef'];
    users(file)[1]!['unitIds'] = ['linden'];
    const faults = faultsOf(file);
    expect(describeOrganisationFaults(faults).split('\n')).toEqual(
      expect.arrayContaining([
        'units[3].parentId okänd enhet saknas',
        'units[4].legalAreas[1] okänt lagområde PBL (SoL, LSS, HSL)',
        'units[5].forvaltningId okänd förvaltning okand',
        expect.stringMatching(/^users\[0\]\.roles\[0\] okänd roll chef/),
        'users[1].unitIds[0] enheten linden hör till nämnden omsorgsnamnden, som inte står i boardIds',
      ]),
    );
  });

  it('refuses a unit outside the ledningssystem without a recorded analysis (PR-11, AUD-7)', () => {
    const file = demo();
    const excluded = units(file).findIndex((u) => u['inLedningssystem'] === false);
    delete units(file)[excluded]!['exclusionAnalysis'];
    expect(faultsOf(file)).toEqual([
      {
        path: `units[${excluded}].exclusionAnalysis`,
        message: 'saknas: en enhet utanför ledningssystemet kräver en dokumenterad analys (PR-11)',
      },
    ]);
    const partial = demo();
    units(partial)[excluded]!['exclusionAnalysis'] = {
      decidedAt: '2026-02-30',
      decidedBy: ' ',
      rationale: 'x',
    };
    expect(faultsOf(partial).map((f) => f.path)).toEqual([
      `units[${excluded}].exclusionAnalysis.decidedAt`,
      `units[${excluded}].exclusionAnalysis.decidedBy`,
    ]);
    const inside = demo();
    units(inside)[0]!['exclusionAnalysis'] = { decidedAt: '2026-01-01', decidedBy: 'SN', rationale: 'x' };
    expect(faultsOf(inside).map((f) => f.path)).toEqual(['units[0].exclusionAnalysis']);
  });

  it('refuses duplicates, cycles, a unit under another board and legal areas outside the board', () => {
    const file = demo();
    (file['boards'] as Json[])[1]!['legalAreas'] = ['SoL', 'HSL'];
    units(file)[2]!['id'] = 'aldreomsorg';
    units(file)[9]!['parentId'] = 'ifo';
    const messages = describeOrganisationFaults(faultsOf(file));
    expect(messages).toContain('units[2].id enheten aldreomsorg förekommer två gånger');
    expect(messages).toContain('units[10].legalAreas[0] lagområdet LSS hör inte till nämndens lagområden');
    expect(messages).toContain('units[9].parentId överordnad enhet ifo hör till en annan nämnd');

    const cyclic = demo();
    units(cyclic)[0]!['parentId'] = 'solgarden';
    expect(describeOrganisationFaults(faultsOf(cyclic))).toContain('enhetsträdet har en cykel');
  });

  it('refuses what is not an organisation at all', () => {
    expect(faultsOf(null)[0]?.message).toMatch(/ska innehålla ett objekt/);
    expect(faultsOf({}).map((f) => f.path)).toEqual([
      'municipality',
      'boards',
      'forvaltningar',
      'units',
      'users',
    ]);
  });
});
