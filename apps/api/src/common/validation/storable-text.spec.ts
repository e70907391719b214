import { isStorableText, unstorableTextErrors } from './storable-text';

describe('storable text', () => {
  it('refuses NUL and lone surrogates, accepts the rest of Unicode', () => {
    expect(isStorableText('Åsa 😀 \u0001')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800b')).toBe(false);
    expect(isStorableText('\udc00')).toBe(false);
  });

  it('names the fields by path', () => {
    expect(unstorableTextErrors({ a: 'ok', b: { c: ['x', 'y\u0000'] }, d: 1 })).toEqual([
      { field: 'b.c[1]', code: 'INVALID_CHARACTER', message: expect.stringContaining('b.c[1]') },
    ]);
    expect(unstorableTextErrors({ ['k\u0000']: 1 })).toHaveLength(1);
    expect(unstorableTextErrors('\u0000')).toHaveLength(1);
    expect(unstorableTextErrors(null)).toEqual([]);
  });
});
