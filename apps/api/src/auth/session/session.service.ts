import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal';
import { ApiProblem } from '../../common/problem/api-problem';
import type { ApiConfig } from '../../config/api-config.schema';
import { DATA_SOURCE } from '../../infrastructure/infrastructure.tokens';
import { TokenVerifier } from '../token-verifier';
import { IssuerRefused, IssuerUnavailable, OidcClient, type TokenSet } from './oidc-client';
import { SealedBox } from './sealed-box';
import {
  activityAt,
  activityWriteThresholdMs,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  checkCallback,
  codeChallengeOf,
  CSRF_HEADER,
  csrfTokenMatches,
  csrfTokenOf,
  decideSession,
  IDLE_HEADER,
  LOGIN_COOKIE,
  LOGIN_MAX_AGE_MS,
  needsCsrfToken,
  parseCookies,
  randomToken,
  safeReturnTo,
  serializeCookie,
  SESSION_COOKIE,
  sessionKeyOf,
  type PendingLogin,
  type SessionLimits,
} from './session-rules';
import { SessionStore, type StoredSession } from './session-store';

const CALLBACK_PATH = '/api/v1/auth/callback';

export interface SessionPrincipal {
  principal: Principal;
  csrfToken: string;
}

/**
 * The backend-for-frontend sign-in (ADR 0043): authorization code + PKCE + state + nonce against
 * OIDC_ISSUER as a confidential client, a server-side session behind an httpOnly cookie, CSRF
 * token for state-changing requests, refresh before the access token runs out, idle timeout and
 * absolute lifetime. The access token of a session is verified by the same TokenVerifier as a
 * bearer token, so the caller is the same person with the same roles and units either way.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('SessionService');
  private readonly client: OidcClient | null;
  private readonly box: SealedBox | null;
  private readonly store: SessionStore | null;
  private readonly limits: SessionLimits;
  private readonly refreshing = new Map<string, Promise<TokenSet>>();

  constructor(
    private readonly config: ConfigService<ApiConfig, true>,
    private readonly verifier: TokenVerifier,
    @Inject(DATA_SOURCE) dataSource: DataSource,
  ) {
    const issuer = config.get('OIDC_ISSUER', { infer: true });
    const clientSecret = config.get('OIDC_CLIENT_SECRET', { infer: true });
    const enabled = config.get('AUTH_MODE', { infer: true }) === 'oidc' && !!issuer && !!clientSecret;
    const secret = config.get('SESSION_SECRET', { infer: true }) ?? clientSecret;
    this.client = enabled
      ? new OidcClient(
          issuer!,
          config.get('OIDC_CLIENT_ID', { infer: true }) ?? 'kvalitetsledning',
          clientSecret!,
        )
      : null;
    this.box = enabled && secret ? new SealedBox(secret, 'auth-session') : null;
    this.store = this.box ? new SessionStore(dataSource, this.box) : null;
    this.limits = {
      idleTimeoutMs: config.get('SESSION_IDLE_TIMEOUT_SECONDS', { infer: true }) * 1000,
      maxLifetimeMs: config.get('SESSION_MAX_LIFETIME_SECONDS', { infer: true }) * 1000,
    };
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  hasSessionCookie(request: Request): boolean {
    return this.enabled && !!parseCookies(request.headers.cookie)[SESSION_COOKIE];
  }

  /** The issuer's sign-in page address, and the cookie that remembers this login for the callback. */
  async beginLogin(request: Request, returnTo: unknown): Promise<{ location: string; cookie: string }> {
    const { client, box } = this.required();
    const discovery = await this.issuerCall(() => client.discover());
    const pending: PendingLogin = {
      state: randomToken(),
      nonce: randomToken(),
      codeVerifier: randomToken(48),
      returnTo: safeReturnTo(returnTo),
      startedAt: Date.now(),
    };
    const location = buildAuthorizationUrl(discovery.authorizationEndpoint, {
      clientId: client.id,
      redirectUri: this.redirectUri(request),
      scope: this.config.get('OIDC_SCOPE', { infer: true }),
      state: pending.state,
      nonce: pending.nonce,
      codeChallenge: codeChallengeOf(pending.codeVerifier),
    });
    const cookie = serializeCookie(LOGIN_COOKIE, box.seal(JSON.stringify(pending)), {
      secure: this.secure(request),
      maxAgeSeconds: LOGIN_MAX_AGE_MS / 1000,
      path: CALLBACK_PATH,
    });
    return { location, cookie };
  }

  /** Finishes the login: the new session's cookie and where to go, or the Swedish reason it failed. */
  async completeLogin(
    request: Request,
    query: Record<string, unknown>,
  ): Promise<
    { ok: true; cookies: string[]; returnTo: string } | { ok: false; reason: string; cookies: string[] }
  > {
    const { client, box, store } = this.required();
    const secure = this.secure(request);
    const clearLogin = serializeCookie(LOGIN_COOKIE, '', { secure, maxAgeSeconds: 0, path: CALLBACK_PATH });
    const sealed = parseCookies(request.headers.cookie)[LOGIN_COOKIE];
    const opened = sealed ? box.open(sealed) : null;
    const pending = opened ? (JSON.parse(opened) as PendingLogin) : null;
    const check = checkCallback(query, pending, Date.now());
    if (!check.ok) return { ok: false, reason: check.reason, cookies: [clearLogin] };
    let tokens: TokenSet;
    let principal: Principal;
    try {
      tokens = await client.exchangeCode(check.code, pending!.codeVerifier, this.redirectUri(request));
      if (!tokens.idToken) throw new IssuerRefused('no id_token');
      await client.verifyIdToken(tokens.idToken, pending!.nonce);
      principal = await this.verifier.verify(tokens.accessToken);
    } catch (error) {
      this.logger.warn(`inloggningen misslyckades: ${String(error)}`);
      return {
        ok: false,
        reason: error instanceof IssuerUnavailable ? 'unavailable' : 'refused',
        cookies: [clearLogin],
      };
    }
    const now = Date.now();
    await store
      .removeEnded(new Date(now - this.limits.idleTimeoutMs), new Date(now - this.limits.maxLifetimeMs))
      .catch(() => undefined);
    const cookieValue = randomToken();
    await store.create(sessionKeyOf(cookieValue), principal.username, tokens);
    return {
      ok: true,
      returnTo: pending!.returnTo,
      cookies: [
        clearLogin,
        serializeCookie(SESSION_COOKIE, cookieValue, {
          secure,
          maxAgeSeconds: this.limits.maxLifetimeMs / 1000,
        }),
      ],
    };
  }

  /**
   * The person of a cookie session (refreshing the access token when it is about to run out), or a
   * 401 when the session has ended, or a 403 when a state-changing request lacks the CSRF token.
   */
  async principalFor(request: Request): Promise<SessionPrincipal> {
    const { box, store } = this.required();
    const cookieValue = parseCookies(request.headers.cookie)[SESSION_COOKIE] ?? '';
    const key = sessionKeyOf(cookieValue);
    const session = await store.find(key);
    if (!session) throw ApiProblem.unauthenticated('Du är inte inloggad, eller så har inloggningen gått ut.');
    const csrfToken = csrfTokenOf(cookieValue, box.keyBytes);
    if (needsCsrfToken(request.method) && !csrfTokenMatches(request.headers[CSRF_HEADER], csrfToken))
      throw new ApiProblem(
        'CSRF_FAILED',
        'Begäran saknar webbappens skyddskod och gjordes därför inte. Ladda om sidan och försök igen.',
      );
    const now = Date.now();
    let tokens = session.tokens;
    const decision = decideSession(
      {
        createdAt: session.createdAt,
        lastActivityAt: session.lastActivityAt,
        accessExpiresAt: tokens.accessExpiresAt,
      },
      this.limits,
      now,
    );
    if (decision === 'ended_idle' || decision === 'ended_lifetime') {
      await store.remove(key);
      throw ApiProblem.unauthenticated(
        decision === 'ended_idle'
          ? 'Du har loggats ut eftersom ingen har använt sidan på en stund. Logga in igen.'
          : 'Inloggningen har gått ut. Logga in igen.',
      );
    }
    if (decision === 'refresh') tokens = await this.refreshed(session);
    const principal = await this.verifier.verify(tokens.accessToken);
    const activity = activityAt(request.headers[IDLE_HEADER], session.lastActivityAt, now);
    if (activity - session.lastActivityAt > activityWriteThresholdMs(this.limits))
      await store.touch(key, activity);
    return { principal, csrfToken };
  }

  /** Ends the session here and returns the issuer's end-session address (it ends the issuer's session too). */
  async logout(request: Request): Promise<{ redirectTo: string; cookie: string }> {
    const { client, store } = this.required();
    const cookieValue = parseCookies(request.headers.cookie)[SESSION_COOKIE] ?? '';
    const key = sessionKeyOf(cookieValue);
    const session = await store.find(key);
    await store.remove(key);
    const cookie = serializeCookie(SESSION_COOKIE, '', { secure: this.secure(request), maxAgeSeconds: 0 });
    const postLogout = this.postLogoutRedirectUri(request);
    const discovery = await client.discover().catch(() => null);
    const redirectTo = discovery?.endSessionEndpoint
      ? buildEndSessionUrl(discovery.endSessionEndpoint, {
          idTokenHint: session?.tokens.idToken ?? null,
          postLogoutRedirectUri: postLogout,
          clientId: client.id,
        })
      : postLogout;
    return { redirectTo, cookie };
  }

  clearingCookie(request: Request): string {
    return serializeCookie(SESSION_COOKIE, '', { secure: this.secure(request), maxAgeSeconds: 0 });
  }

  private refreshed(session: StoredSession): Promise<TokenSet> {
    const running = this.refreshing.get(session.key);
    if (running) return running;
    const refresh = this.refresh(session).finally(() => this.refreshing.delete(session.key));
    this.refreshing.set(session.key, refresh);
    return refresh;
  }

  private async refresh(session: StoredSession): Promise<TokenSet> {
    const { client, store } = this.required();
    if (!session.tokens.refreshToken) {
      await store.remove(session.key);
      throw ApiProblem.unauthenticated('Inloggningen har gått ut. Logga in igen.');
    }
    try {
      const fresh = await client.refresh(session.tokens.refreshToken);
      const tokens: TokenSet = {
        ...fresh,
        refreshToken: fresh.refreshToken ?? session.tokens.refreshToken,
        idToken: fresh.idToken ?? session.tokens.idToken,
      };
      await store.replaceTokens(session.key, tokens);
      return tokens;
    } catch (error) {
      if (error instanceof IssuerUnavailable)
        throw new ApiProblem('UNAVAILABLE', 'Inloggningstjänsten svarar inte; försök igen om en stund.', {
          headers: { 'Retry-After': '5' },
        });
      await store.remove(session.key);
      throw ApiProblem.unauthenticated('Inloggningen har gått ut hos inloggningstjänsten. Logga in igen.');
    }
  }

  private async issuerCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch {
      throw new ApiProblem('UNAVAILABLE', 'Inloggningstjänsten svarar inte; försök igen om en stund.', {
        headers: { 'Retry-After': '5' },
      });
    }
  }

  private required(): { client: OidcClient; box: SealedBox; store: SessionStore } {
    if (!this.client || !this.box || !this.store)
      throw ApiProblem.notFound(
        'Inloggning med session är inte påslagen (AUTH_MODE=oidc med OIDC_CLIENT_SECRET).',
      );
    return { client: this.client, box: this.box, store: this.store };
  }

  private origin(request: Request): string {
    return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  }

  private secure(request: Request): boolean {
    return request.protocol === 'https';
  }

  private redirectUri(request: Request): string {
    return this.config.get('OIDC_REDIRECT_URI', { infer: true }) ?? `${this.origin(request)}${CALLBACK_PATH}`;
  }

  private postLogoutRedirectUri(request: Request): string {
    return (
      this.config.get('OIDC_POST_LOGOUT_REDIRECT_URI', { infer: true }) ?? `${this.origin(request)}/logga-in`
    );
  }
}
