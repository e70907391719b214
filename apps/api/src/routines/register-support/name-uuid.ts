import { createHash } from 'node:crypto';

const NAMESPACE = Buffer.from('9d3b7c1e5a2f4e8b8a6c0d4e2f1b3a5c', 'hex');

/**
 * A UUID (version 5 layout) named by its natural key, e.g. `egenkontroll/solgarden/2026`: one plan
 * per unit and year, enforced by the event store's (aggregate id, version) uniqueness, not by a race.
 */
export function nameUuid(name: string): string {
  const bytes = Buffer.from(
    createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16),
  );
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
