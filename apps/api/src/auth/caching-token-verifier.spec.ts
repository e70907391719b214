import type { Principal } from '../access/principal';
import { CachingTokenVerifier } from './caching-token-verifier';
import { TokenVerifier } from './token-verifier';

const ANNA: Principal = { username: 'anna', name: 'Anna', roles: ['staff'], unitIds: ['solgarden'] };

function tokenWith(payload: Record<string, unknown>): string {
  return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXI`;
}

class CountingVerifier extends TokenVerifier {
  calls = 0;
  constructor(private readonly accept: (token: string) => boolean) {
    super();
  }
  async verify(token: string): Promise<Principal> {
    this.calls++;
    if (!this.accept(token)) throw new Error('ogiltig');
    return ANNA;
  }
}

describe('CachingTokenVerifier', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_800_000_000_000;
  });

  it('checks a token once and answers repeats from memory within the max age', async () => {
    const inner = new CountingVerifier(() => true);
    const verifier = new CachingTokenVerifier(inner, { maxAgeMs: 60_000, maxEntries: 10, now: clock });
    const token = tokenWith({ exp: now / 1000 + 3600 });
    expect(await verifier.verify(token)).toBe(ANNA);
    now += 59_000;
    expect(await verifier.verify(token)).toBe(ANNA);
    expect(inner.calls).toBe(1);
    now += 2_000;
    await verifier.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('never trusts a token past its exp', async () => {
    const inner = new CountingVerifier(() => now < 1_800_000_010_000);
    const verifier = new CachingTokenVerifier(inner, { maxAgeMs: 60_000, maxEntries: 10, now: clock });
    const token = tokenWith({ exp: 1_800_000_010 });
    await verifier.verify(token);
    now += 9_000;
    await verifier.verify(token);
    expect(inner.calls).toBe(1);
    now += 1_000;
    await expect(verifier.verify(token)).rejects.toThrow('ogiltig');
    expect(inner.calls).toBe(2);
  });

  it('does not remember a refused token, and forgets the oldest entry when full', async () => {
    const inner = new CountingVerifier((token) => !token.startsWith('x.'));
    const verifier = new CachingTokenVerifier(inner, { maxAgeMs: 60_000, maxEntries: 2, now: clock });
    const bad = `x.${Buffer.from('{"fel":1}').toString('base64url')}.y`;
    await expect(verifier.verify(bad)).rejects.toThrow('ogiltig');
    await expect(verifier.verify(bad)).rejects.toThrow('ogiltig');
    expect(inner.calls).toBe(2);
    const [a, b, c] = [1, 2, 3].map((n) => tokenWith({ n, exp: now / 1000 + 3600 }));
    await verifier.verify(a!);
    await verifier.verify(b!);
    await verifier.verify(c!);
    await verifier.verify(c!);
    await verifier.verify(b!);
    expect(inner.calls).toBe(5);
    await verifier.verify(a!);
    expect(inner.calls).toBe(6);
  });
});
