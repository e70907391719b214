import { tokenLifetimeProblem } from './token-lifetime';

describe('token lifetime (issue 24)', () => {
  const now = 1_800_000_000;
  const max = 12 * 3600;

  it('accepts a token that expires within the maximum, counted from iat', () => {
    expect(tokenLifetimeProblem({ iat: now, exp: now + 8 * 3600 }, max, now)).toBeNull();
    expect(tokenLifetimeProblem({ iat: now - 3600, exp: now + max - 3600 }, max, now)).toBeNull();
  });

  it('refuses a token without exp, or with an exp that is not a number', () => {
    expect(tokenLifetimeProblem({ iat: now }, max, now)).toBe('Token saknar giltighetstid (exp).');
    expect(tokenLifetimeProblem({ iat: now, exp: String(now + 60) }, max, now)).toBe(
      'Token saknar giltighetstid (exp).',
    );
  });

  it('refuses a lifetime over the maximum, also for a token issued long ago', () => {
    expect(tokenLifetimeProblem({ iat: now, exp: now + max + 3600 }, max, now)).toMatch(
      /^Token gäller för länge \(högst 43200 sekunder/,
    );
    expect(tokenLifetimeProblem({ iat: now - 30 * 86400, exp: now + 60 }, max, now)).not.toBeNull();
  });

  it('counts from now without iat, and from now when iat lies in the future', () => {
    expect(tokenLifetimeProblem({ exp: now + 3600 }, max, now)).toBeNull();
    expect(tokenLifetimeProblem({ exp: now + 365 * 86400 }, max, now)).not.toBeNull();
    expect(
      tokenLifetimeProblem({ iat: now + 365 * 86400, exp: now + 365 * 86400 + 60 }, max, now),
    ).not.toBeNull();
  });

  it('forgives a minute of clock skew, no more', () => {
    expect(tokenLifetimeProblem({ iat: now, exp: now + max + 60 }, max, now)).toBeNull();
    expect(tokenLifetimeProblem({ iat: now, exp: now + max + 61 }, max, now)).not.toBeNull();
  });
});
