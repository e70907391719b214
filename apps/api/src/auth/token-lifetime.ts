/** Clock difference between the issuer and this process that a lifetime check forgives. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Why a verified token's validity period is not acceptable, or null if it is: a token must carry
 * `exp`, and may not be valid for longer than `maxSeconds` — counted from `iat`, or from now if the
 * token has no `iat` or claims to be issued in the future. (A token that never expires, or one a
 * stolen key signed for a year, is refused even though its signature is good.)
 */
export function tokenLifetimeProblem(
  payload: { exp?: unknown; iat?: unknown },
  maxSeconds: number,
  nowSeconds: number,
): string | null {
  if (typeof payload.exp !== 'number') return 'Token saknar giltighetstid (exp).';
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, nowSeconds) : nowSeconds;
  if (payload.exp - from > maxSeconds + CLOCK_SKEW_SECONDS) {
    return `Token gäller för länge (högst ${maxSeconds} sekunder är tillåtet).`;
  }
  return null;
}
