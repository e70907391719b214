import { isRole, type Role } from '../access/roles';
import type { Principal } from '../access/principal';
import { isStorableText } from '../common/validation/storable-text';
import { USERNAME_PATTERN } from '../common/validation/validators';

export interface ClaimNames {
  username: string;
  roles: string;
  units: string;
}

/** Reads a claim by a dotted path (`realm_access.roles` in Keycloak tokens). */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (path in payload) return payload[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      payload,
    );
}

function stringsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v.length > 0);
  return [];
}

/** The caller from verified claims, or null if the token names no usable user. Unknown roles are ignored. */
export function principalFromClaims(payload: Record<string, unknown>, names: ClaimNames): Principal | null {
  const username = claimAt(payload, names.username) ?? payload['sub'];
  if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) return null;
  const rawName = payload['name'];
  const name =
    typeof rawName === 'string' && rawName.length > 0 && rawName.length <= 200 && isStorableText(rawName)
      ? rawName
      : username;
  const roles = [...new Set(stringsOf(claimAt(payload, names.roles)).filter(isRole))] as Role[];
  const unitIds = [
    ...new Set(
      stringsOf(claimAt(payload, names.units)).filter((id) => id.length <= 100 && isStorableText(id)),
    ),
  ];
  return { username, name, roles, unitIds };
}
