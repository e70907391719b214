import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SignJWT, jwtVerify } from 'jose';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import type { ApiConfig } from '../config/api-config.schema';
import { findDemoUser, type DemoUser } from '../org/demo-users';
import { principalFromClaims } from './claims';
import { devAuthSecret } from './dev-auth-secret';
import { tokenLifetimeProblem } from './token-lifetime';
import { TokenVerifier } from './token-verifier';

const DEV_TOKEN_ISSUER = 'kvalitetsledning-dev';
const DEV_TOKEN_AUDIENCE = 'kvalitetsledning';
const DEV_TOKEN_TTL_SECONDS = 8 * 60 * 60;
const DEV_CLAIMS = { username: 'preferred_username', roles: 'roles', units: 'units' };

/**
 * AUTH_MODE=dev (never in production, only on loopback unless ALLOW_DEV_AUTH_ON_NETWORK=1): HS256
 * tokens for the demo users, signed with the installation's secret (DEV_AUTH_SECRET or
 * `.infra/dev-auth-secret`). The demo organisation is the directory: a token is accepted only for
 * one of its users, and the caller's roles and units are that user's, whatever the token claims.
 */
@Injectable()
export class DevTokenService extends TokenVerifier {
  private secret: Uint8Array | null = null;
  private readonly ttlSeconds: number;
  private readonly maxLifetimeSeconds: number;

  constructor(private readonly config: ConfigService<ApiConfig, true>) {
    super();
    this.maxLifetimeSeconds = config.get('AUTH_MAX_TOKEN_LIFETIME_SECONDS', { infer: true });
    this.ttlSeconds = Math.min(DEV_TOKEN_TTL_SECONDS, this.maxLifetimeSeconds);
    // Read (or generated) at start, so that a missing or unreadable secret stops the api there.
    if (config.get('AUTH_MODE', { infer: true }) === 'dev') this.key();
  }

  /** Only in AUTH_MODE=dev: in oidc mode no secret file is read or created. */
  private key(): Uint8Array {
    this.secret ??= devAuthSecret({
      DEV_AUTH_SECRET: this.config.get('DEV_AUTH_SECRET', { infer: true }),
      DEV_AUTH_SECRET_FILE: this.config.get('DEV_AUTH_SECRET_FILE', { infer: true }),
    }).key;
    return this.secret;
  }

  async issue(
    user: DemoUser,
    now = new Date(),
  ): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({
      preferred_username: user.username,
      name: user.name,
      roles: [...user.roles],
      units: [...user.unitIds],
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key());
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  async verify(token: string, now = new Date()): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key(), {
        issuer: DEV_TOKEN_ISSUER,
        audience: DEV_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      }));
    } catch {
      throw ApiProblem.unauthenticated('Token är ogiltig eller har gått ut.');
    }
    const lifetime = tokenLifetimeProblem(payload, this.maxLifetimeSeconds, Math.floor(now.getTime() / 1000));
    if (lifetime) throw ApiProblem.unauthenticated(lifetime);
    const claimed = principalFromClaims(payload, DEV_CLAIMS);
    if (!claimed) throw ApiProblem.unauthenticated('Token saknar användarnamn.');
    const user = findDemoUser(claimed.username);
    if (!user) throw ApiProblem.unauthenticated('Användaren finns inte i katalogen (demoorganisationen).');
    return { username: user.username, name: user.name, roles: [...user.roles], unitIds: [...user.unitIds] };
  }
}
