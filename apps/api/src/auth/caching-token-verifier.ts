import type { Principal } from '../access/principal';
import { TokenVerifier } from './token-verifier';

export interface TokenCacheOptions {
  /** A verified token is trusted again without checking its signature for at most this long. */
  maxAgeMs: number;
  maxEntries: number;
  now?: () => number;
}

/** `exp` of a token the inner verifier has just accepted (so its payload is well-formed JSON). */
function expiresAtMs(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return 0;
  }
}

/**
 * Remembers the caller of a token it has verified, so a client sending the same bearer token on
 * every request pays the signature check (HMAC or RSA through WebCrypto: the most expensive step of
 * a request) once a minute instead of every time. An entry never outlives the token's `exp`; a
 * token that fails is never remembered and fails again through the inner verifier.
 */
export class CachingTokenVerifier extends TokenVerifier {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly now: () => number;

  constructor(
    private readonly inner: TokenVerifier,
    private readonly options: TokenCacheOptions,
  ) {
    super();
    this.now = options.now ?? Date.now;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const cached = this.entries.get(token);
    if (cached && cached.until > now) return cached.principal;
    if (cached) this.entries.delete(token);
    const principal = await this.inner.verify(token);
    const until = Math.min(expiresAtMs(token), now + this.options.maxAgeMs);
    if (until > now) {
      if (this.entries.size >= this.options.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(token, { principal, until });
    }
    return principal;
  }
}
