import { SealedBox } from './sealed-box';

describe('SealedBox (tokens at rest, ADR 0043)', () => {
  it('opens what it sealed and nothing else', () => {
    const box = new SealedBox('a'.repeat(32), 'auth-session');
    const sealed = box.seal('{"accessToken":"eyJ"}');
    expect(sealed).not.toContain('eyJ');
    expect(box.open(sealed)).toBe('{"accessToken":"eyJ"}');
    expect(new SealedBox('b'.repeat(32), 'auth-session').open(sealed)).toBeNull();
    expect(new SealedBox('a'.repeat(32), 'other').open(sealed)).toBeNull();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(box.open(tampered)).toBeNull();
    expect(box.open('short')).toBeNull();
  });
});
