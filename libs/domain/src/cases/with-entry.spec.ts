import fc from 'fast-check';
import { withEntry } from './with-entry';

describe('withEntry', () => {
  it('is the spread it replaces: same entries, same key order, the original untouched', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.uuid(), fc.integer()), fc.uuid(), fc.integer(), (record, key, value) => {
        const before = JSON.stringify(record);
        const next = withEntry(record, key, value);
        expect(JSON.stringify(next)).toBe(JSON.stringify({ ...record, [key]: value }));
        expect(Object.keys(next)).toEqual(Object.keys({ ...record, [key]: value }));
        expect(JSON.stringify(record)).toBe(before);
        expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
      }),
    );
  });

  it('replaces an existing entry in its place', () => {
    expect(Object.entries(withEntry({ a: 1, b: 2, c: 3 }, 'b', 9))).toEqual([
      ['a', 1],
      ['b', 9],
      ['c', 3],
    ]);
  });
});
