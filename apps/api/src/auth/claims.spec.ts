import { claimAt, principalFromClaims } from './claims';

describe('principal from token claims', () => {
  const names = { username: 'preferred_username', roles: 'realm_access.roles', units: 'units' };

  it('reads dotted claim paths and keeps only known roles', () => {
    const principal = principalFromClaims(
      {
        sub: 's',
        preferred_username: 'eva.holm',
        name: 'Eva Holm',
        realm_access: { roles: ['lex_sarah_investigator', 'uma_authorization'] },
        units: ['forvaltning', 'forvaltning'],
      },
      names,
    );
    expect(principal).toEqual({
      username: 'eva.holm',
      name: 'Eva Holm',
      roles: ['lex_sarah_investigator'],
      unitIds: ['forvaltning'],
    });
  });

  it('accepts space- or comma-separated strings and falls back to sub', () => {
    expect(
      principalFromClaims(
        { sub: 'per', realm_access: { roles: 'director staff' }, units: 'ifo,ekbacken' },
        names,
      ),
    ).toEqual({ username: 'per', name: 'per', roles: ['director', 'staff'], unitIds: ['ifo', 'ekbacken'] });
  });

  it('refuses a token without a usable username', () => {
    expect(principalFromClaims({ preferred_username: 'två ord' }, names)).toBeNull();
    expect(principalFromClaims({}, names)).toBeNull();
  });

  it('prefers a literal claim name containing dots', () => {
    expect(claimAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(claimAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(claimAt({ a: 1 }, 'a.b')).toBeUndefined();
  });
});
