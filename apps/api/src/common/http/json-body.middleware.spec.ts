import { nestsDeeperThan } from './json-body.middleware';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, up to and past the limit', () => {
    expect(nestsDeeperThan(bytes(nested(64)), 64)).toBe(false);
    expect(nestsDeeperThan(bytes(nested(65)), 64)).toBe(true);
    expect(nestsDeeperThan(bytes(`{"a":${nested(63)}}`), 64)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"a":{"b":${nested(63)}}}`), 64)).toBe(true);
    expect(nestsDeeperThan(bytes(`{"username":"sas","x":${nested(1500)}}`), 64)).toBe(true);
  });

  it('measures depth, not the number of containers', () => {
    expect(nestsDeeperThan(bytes(JSON.stringify(Array.from({ length: 5000 }, () => ({ a: [1] })))), 3)).toBe(
      false,
    );
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(JSON.stringify({ text: '[[[[[[{{{{{{' })), 2)).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify({ text: 'a \\" [[[[ \\\\', more: '"{{{{' })), 2)).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify({ text: 'ö ä å 😀 [[[' })), 1)).toBe(false);
  });
});
