import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

const TIMEOUT_MS = 5000;

export interface DiscoveryDocument {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint: string | null;
  jwksUri: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** Epoch ms. */
  accessExpiresAt: number;
}

/** The issuer could not be reached or answered with something unusable (→ 503). */
export class IssuerUnavailable extends Error {}
/** The issuer refused the code or the refresh token (→ the person signs in again). */
export class IssuerRefused extends Error {}

/**
 * The few calls of a confidential OIDC client (discovery, code exchange with the PKCE verifier,
 * refresh, ID token check) with fetch and jose, which the api already uses for bearer tokens.
 */
export class OidcClient {
  private discovery: Promise<DiscoveryDocument> | null = null;
  private jwks: JWTVerifyGetKey | null = null;

  constructor(
    private readonly issuer: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  get id(): string {
    return this.clientId;
  }

  discover(): Promise<DiscoveryDocument> {
    if (!this.discovery) {
      this.discovery = this.fetchDiscovery();
      this.discovery.catch(() => {
        this.discovery = null;
      });
    }
    return this.discovery;
  }

  async exchangeCode(code: string, codeVerifier: string, redirectUri: string): Promise<TokenSet> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
    });
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Checks the ID token's signature, issuer, audience and nonce (OIDC Core §3.1.3.7). */
  async verifyIdToken(idToken: string, nonce: string): Promise<void> {
    const { jwksUri } = await this.discover();
    this.jwks ??= createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS });
    const { payload } = await jwtVerify(idToken, this.jwks, { issuer: this.issuer, audience: this.clientId });
    if (payload['nonce'] !== nonce) throw new IssuerRefused('nonce');
  }

  private async fetchDiscovery(): Promise<DiscoveryDocument> {
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: Record<string, unknown>;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${url} svarade ${response.status}`);
      document = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new IssuerUnavailable(String(error));
    }
    const text = (key: string) => (typeof document[key] === 'string' ? (document[key] as string) : null);
    const authorizationEndpoint = text('authorization_endpoint');
    const tokenEndpoint = text('token_endpoint');
    const jwksUri = text('jwks_uri');
    if (!authorizationEndpoint || !tokenEndpoint || !jwksUri)
      throw new IssuerUnavailable(`${url} saknar authorization_endpoint, token_endpoint eller jwks_uri`);
    return {
      authorizationEndpoint,
      tokenEndpoint,
      jwksUri,
      endSessionEndpoint: text('end_session_endpoint'),
    };
  }

  private async tokenRequest(form: Record<string, string>): Promise<TokenSet> {
    const { tokenEndpoint } = await this.discover();
    let response: Response;
    try {
      response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          Authorization: `Basic ${Buffer.from(
            `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`,
          ).toString('base64')}`,
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new IssuerUnavailable(String(error));
    }
    if (response.status >= 500) throw new IssuerUnavailable(`token endpoint ${response.status}`);
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body['access_token'] !== 'string')
      throw new IssuerRefused(`token endpoint ${response.status} ${String(body['error'] ?? '')}`);
    const expiresIn = typeof body['expires_in'] === 'number' ? body['expires_in'] : 60;
    return {
      accessToken: body['access_token'],
      refreshToken: typeof body['refresh_token'] === 'string' ? body['refresh_token'] : null,
      idToken: typeof body['id_token'] === 'string' ? body['id_token'] : null,
      accessExpiresAt: Date.now() + expiresIn * 1000,
    };
  }
}
