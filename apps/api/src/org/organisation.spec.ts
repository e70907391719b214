import { Organisation } from './organisation';
import { ORGANISATION } from './organisation.instance';

describe('Organisation (demo organisation of api.md)', () => {
  const org = ORGANISATION;

  it('knows the subtree of a unit', () => {
    expect(org.subtreeOf('aldreomsorg').sort()).toEqual(['aldreomsorg', 'hemtjanst-norr', 'solgarden']);
    expect(org.subtreeOf('solgarden')).toEqual(['solgarden']);
    expect(org.subtreeOf('forvaltning')).toHaveLength(8);
    expect(org.subtreeOf('okand')).toEqual([]);
  });

  it('answers whether a unit lies within a scope', () => {
    expect(org.isWithin('solgarden', ['aldreomsorg'])).toBe(true);
    expect(org.isWithin('ekbacken', ['aldreomsorg'])).toBe(false);
    expect(org.isWithin('ekbacken', ['forvaltning'])).toBe(true);
    expect(org.isWithin('aldreomsorg', ['solgarden'])).toBe(false);
    expect(org.isWithin('okand', ['forvaltning'])).toBe(false);
  });

  it('builds the tree from the root', () => {
    const [root] = org.tree();
    expect(root?.id).toBe('forvaltning');
    expect(root?.children.map((c) => c.id).sort()).toEqual(['aldreomsorg', 'funktionsstod', 'ifo']);
  });

  it('refuses a malformed tree', () => {
    expect(() => new Organisation([{ id: 'a', name: 'A', parentId: 'saknas' }])).toThrow(/okänd överordnad/);
    expect(
      () =>
        new Organisation([
          { id: 'a', name: 'A', parentId: 'b' },
          { id: 'b', name: 'B', parentId: 'a' },
        ]),
    ).toThrow(/cykel/);
    expect(
      () =>
        new Organisation([
          { id: 'a', name: 'A', parentId: null },
          { id: 'a', name: 'A', parentId: null },
        ]),
    ).toThrow(/två gånger/);
  });
});
