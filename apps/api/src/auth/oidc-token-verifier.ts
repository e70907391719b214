import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import type { ApiConfig } from '../config/api-config.schema';
import { principalFromClaims, type ClaimNames } from './claims';
import { tokenLifetimeProblem } from './token-lifetime';
import { TokenVerifier } from './token-verifier';

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * AUTH_MODE=oidc: bearer tokens signed by OIDC_ISSUER, verified against its JWKS (found through the
 * discovery document unless OIDC_JWKS_URI is given; keys are cached and refreshed by jose), with
 * issuer and audience checks. Roles and units come from configurable claims.
 *
 * The issuer is the directory: a token must carry `exp` (lifetime at most
 * AUTH_MAX_TOKEN_LIFETIME_SECONDS), a usable username and at least one role this application knows
 * (OIDC_ROLES_CLAIM); a user with none of them is not a user of this system and gets 401.
 */
@Injectable()
export class OidcTokenVerifier extends TokenVerifier {
  private jwks: Promise<JWTVerifyGetKey> | null = null;
  private readonly issuer: string;
  private readonly audience: string | undefined;
  private readonly jwksUri: string | undefined;
  private readonly claims: ClaimNames;
  private readonly maxLifetimeSeconds: number;

  constructor(config: ConfigService<ApiConfig, true>) {
    super();
    const issuer = config.get('OIDC_ISSUER', { infer: true });
    if (!issuer) throw new Error('OIDC_ISSUER krävs när AUTH_MODE=oidc');
    this.issuer = issuer;
    this.audience = config.get('OIDC_AUDIENCE', { infer: true });
    this.jwksUri = config.get('OIDC_JWKS_URI', { infer: true });
    this.claims = {
      username: config.get('OIDC_USERNAME_CLAIM', { infer: true }),
      roles: config.get('OIDC_ROLES_CLAIM', { infer: true }),
      units: config.get('OIDC_UNITS_CLAIM', { infer: true }),
    };
    this.maxLifetimeSeconds = config.get('AUTH_MAX_TOKEN_LIFETIME_SECONDS', { infer: true });
  }

  async verify(token: string): Promise<Principal> {
    const keys = await this.keys();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ASYMMETRIC_ALGORITHMS,
      }));
    } catch (error) {
      if (
        error instanceof joseErrors.JWKSTimeout ||
        (error instanceof Error && !(error instanceof joseErrors.JOSEError))
      ) {
        throw new ApiProblem('UNAVAILABLE', 'Inloggningstjänsten svarar inte; försök igen om en stund.', {
          headers: { 'Retry-After': '5' },
        });
      }
      throw ApiProblem.unauthenticated('Token är ogiltig eller har gått ut.');
    }
    const lifetime = tokenLifetimeProblem(payload, this.maxLifetimeSeconds, Math.floor(Date.now() / 1000));
    if (lifetime) throw ApiProblem.unauthenticated(lifetime);
    const principal = principalFromClaims(payload, this.claims);
    if (!principal) throw ApiProblem.unauthenticated('Token saknar användarnamn.');
    if (principal.roles.length === 0) {
      throw ApiProblem.unauthenticated(
        `Användaren har ingen roll i kvalitetsledningssystemet (${this.claims.roles}) och är okänd här.`,
      );
    }
    return principal;
  }

  private keys(): Promise<JWTVerifyGetKey> {
    if (!this.jwks) {
      this.jwks = this.discoverJwksUri().then((uri) =>
        createRemoteJWKSet(new URL(uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS }),
      );
      this.jwks.catch(() => {
        this.jwks = null; // try discovery again on the next request
      });
    }
    return this.jwks.catch(() => {
      throw new ApiProblem('UNAVAILABLE', 'Inloggningstjänsten svarar inte; försök igen om en stund.', {
        headers: { 'Retry-After': '5' },
      });
    });
  }

  private async discoverJwksUri(): Promise<string> {
    if (this.jwksUri) return this.jwksUri;
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} svarade ${response.status}`);
    const document = (await response.json()) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') throw new Error(`${url} saknar jwks_uri`);
    return document.jwks_uri;
  }
}
