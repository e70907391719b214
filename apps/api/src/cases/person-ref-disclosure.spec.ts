import type { Principal } from '../access/principal';
import type { Role } from '../access/roles';
import { ApiProblem } from '../common/problem/api-problem';
import { mayReadFullPersonRef, personRefFor, storablePersonRef } from './person-ref-disclosure';

const principal = (username: string, ...roles: Role[]): Principal => ({
  username,
  name: username,
  roles,
  unitIds: [],
});

describe('personRef disclosure (issue 24)', () => {
  it('director, sas, mas and the case assignee read it in full; reporter, managers and kvalitet do not', () => {
    const facts = { assignee: 'enhetschef' };
    expect(mayReadFullPersonRef(principal('forvaltningschef', 'director'), facts)).toBe(true);
    expect(mayReadFullPersonRef(principal('sas', 'lex_sarah_investigator'), facts)).toBe(true);
    expect(mayReadFullPersonRef(principal('mas', 'mas'), facts)).toBe(true);
    expect(mayReadFullPersonRef(principal('enhetschef', 'unit_manager'), facts)).toBe(true);
    expect(mayReadFullPersonRef(principal('enhetschef', 'unit_manager'), { assignee: null })).toBe(false);
    expect(mayReadFullPersonRef(principal('avdelningschef', 'division_manager'), facts)).toBe(false);
    expect(mayReadFullPersonRef(principal('kvalitet', 'quality_coordinator'), facts)).toBe(false);
    expect(mayReadFullPersonRef(principal('medarbetare', 'staff'), facts)).toBe(false);
  });

  it('masks for those who may not read it in full', () => {
    expect(personRefFor('19121212-1212', false)).toBe('19121212-****');
    expect(personRefFor('19121212-1212', true)).toBe('19121212-1212');
    expect(personRefFor(null, false)).toBeNull();
  });

  it('stores a number normalised and refuses one that does not exist with a 400 naming personRef', () => {
    const today = new Date('2026-12-07T00:00:00Z');
    expect(storablePersonRef('121212-1212', today)).toBe('20121212-1212');
    expect(storablePersonRef('p-81f2', today)).toBe('p-81f2');
    expect(storablePersonRef(undefined, today)).toBeUndefined();
    let thrown: unknown;
    try {
      storablePersonRef('19121212-1213', today);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiProblem);
    expect((thrown as ApiProblem).status).toBe(400);
    expect((thrown as ApiProblem).options.errors).toEqual([
      {
        field: 'personRef',
        code: 'INVALID_PERSONNUMMER',
        message: expect.stringMatching(/^Fältet personRef .*kontrollsiffran/),
      },
    ]);
  });
});
