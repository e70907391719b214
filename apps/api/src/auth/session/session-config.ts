import { z } from 'zod';

/**
 * The sign-in session of the web app (ADR 0043, issue 21): a confidential OIDC client in the api
 * (backend-for-frontend), a server-side session and an httpOnly cookie. Only for AUTH_MODE=oidc.
 */
export const sessionConfigVariables = {
  /** The confidential client's secret at the issuer; unset: no cookie sessions, bearer tokens only. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the issuer sends the person back; default: this request's own address + /api/v1/auth/callback. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** Where the issuer sends the person after signing out; default: this request's own address + /logga-in. */
  OIDC_POST_LOGOUT_REDIRECT_URI: z.string().url().optional(),
  /** Encrypts the tokens kept in the session table; unset: derived from OIDC_CLIENT_SECRET. */
  SESSION_SECRET: z.string().min(32, 'minst 32 tecken / at least 32 characters').optional(),
  /** Without a person's activity for this long the session ends (a shared care-home PC: 30 minutes). */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(24 * 3600)
    .default(30 * 60),
  /** A session ends this long after sign-in, active or not. */
  SESSION_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(10 * 3600),
};

export function sessionConfigProblem(config: {
  SESSION_IDLE_TIMEOUT_SECONDS: number;
  SESSION_MAX_LIFETIME_SECONDS: number;
}): { variable: string; message: string } | null {
  if (config.SESSION_IDLE_TIMEOUT_SECONDS > config.SESSION_MAX_LIFETIME_SECONDS)
    return {
      variable: 'SESSION_IDLE_TIMEOUT_SECONDS',
      message:
        'får inte vara längre än SESSION_MAX_LIFETIME_SECONDS / must not be longer than SESSION_MAX_LIFETIME_SECONDS',
    };
  return null;
}
