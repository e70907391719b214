import { ORGANISATION as org } from '../org/organisation.instance';
import { mayBeGivenCase, mayOwnWorkOf } from '../access/assignee-policy';
import { asPrincipal, matchesDirectoryQuery, mergeDirectories, type DirectoryUser } from './directory-user';

const listed = (username: string): DirectoryUser => {
  const found = org.findUser(username);
  if (!found) throw new Error(username);
  return found;
};
const signedIn: DirectoryUser = {
  username: 'nina.norr',
  name: 'Nina Norrman',
  roles: ['unit_manager'],
  unitIds: ['hemtjanst-norr'],
};
const solgardenCase = {
  unitId: 'solgarden',
  type: 'deviation' as const,
  reportedBy: 'medarbetare',
  assignee: null,
};

describe('the user directory (issue 21, "People")', () => {
  it('finds by every typed word in name or username, case and accents folded', () => {
    const mas = listed('mas');
    expect(matchesDirectoryQuery(mas, { q: 'lena STROM' }, org)).toBe(true);
    expect(matchesDirectoryQuery(mas, { q: 'ström' }, org)).toBe(true);
    expect(matchesDirectoryQuery(mas, { q: 'mas' }, org)).toBe(true);
    expect(matchesDirectoryQuery(mas, { q: 'lena berg' }, org)).toBe(false);
    expect(matchesDirectoryQuery(mas, { role: 'mas' }, org)).toBe(true);
    expect(matchesDirectoryQuery(mas, { role: 'director' }, org)).toBe(false);
  });

  it('lists for a unit those who work there or above it, and the board-wide readers of its nämnd', () => {
    const at = (unitId: string) =>
      org.users.filter((u) => matchesDirectoryQuery(u, { unitId }, org)).map((u) => u.username);
    expect(at('solgarden')).toEqual(
      expect.arrayContaining(['enhetschef', 'medarbetare', 'avdelningschef', 'sas']),
    );
    expect(at('solgarden')).not.toContain('enhetschef.ekbacken');
    expect(at('solgarden')).not.toContain('enhetschef.linden');
    // The MAS serves both nämnder from Socialförvaltningen.
    expect(at('linden')).toEqual(expect.arrayContaining(['mas', 'enhetschef.linden']));
    expect(at('linden')).not.toContain('sas');
  });

  it('the organisation file wins over a sign-in with the same username; sorted by name', () => {
    const merged = mergeDirectories(
      [listed('sas'), listed('mas')],
      [{ ...listed('sas'), name: 'Fel' }, signedIn],
    );
    expect(merged.map((u) => u.name)).toEqual(['Eva Holm', 'Lena Ström', 'Nina Norrman']);
  });

  it('gives a case only to a handler of its nämnd: not staff, not ledning, not the other nämnd', () => {
    const may = (user: DirectoryUser) => mayBeGivenCase(asPrincipal(user), solgardenCase, org);
    expect(may(listed('sas'))).toBe(true);
    expect(may(listed('enhetschef.ekbacken'))).toBe(true);
    expect(may(signedIn)).toBe(true);
    expect(may(listed('medarbetare'))).toBe(false);
    expect(may(listed('ledning'))).toBe(false);
    expect(may(listed('enhetschef.linden'))).toBe(false);
    expect(may(listed('sas.omsorg'))).toBe(false);
    expect(mayOwnWorkOf(asPrincipal(listed('medarbetare')), 'solgarden', org)).toBe(true);
    expect(mayOwnWorkOf(asPrincipal(listed('medarbetare.linden')), 'solgarden', org)).toBe(false);
  });
});
