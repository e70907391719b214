import type { ApiConfig } from '../config/api-config.schema';
import { ROLE_LABELS } from '../access/roles';
import { DEMO_USERS } from '../org/demo-users';
import { ORGANISATION } from '../org/organisation.instance';

/**
 * What the web app needs to know before anyone signs in (served as `/app-config.json`, outside the
 * API contract): how to sign in, and the unit names the public e-form offers (public information of
 * the municipality). No secrets: the OIDC client is a public client using PKCE.
 */
export interface WebAppConfig {
  authMode: 'dev' | 'oidc';
  demoUsers: { username: string; name: string; roles: string[]; roleLabels: string[] }[];
  oidc: { issuer: string; clientId: string; scope: string } | null;
  units: { id: string; name: string; parentId: string | null }[];
}

export function webAppConfig(
  config: Pick<ApiConfig, 'AUTH_MODE' | 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>,
): WebAppConfig {
  const dev = config.AUTH_MODE === 'dev';
  return {
    authMode: config.AUTH_MODE,
    demoUsers: dev
      ? DEMO_USERS.map((u) => ({
          username: u.username,
          name: u.name,
          roles: [...u.roles],
          roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
        }))
      : [],
    oidc:
      !dev && config.OIDC_ISSUER
        ? {
            issuer: config.OIDC_ISSUER,
            clientId: config.OIDC_CLIENT_ID ?? 'kvalitetsledning-web',
            scope: config.OIDC_SCOPE,
          }
        : null,
    units: ORGANISATION.units.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId })),
  };
}
