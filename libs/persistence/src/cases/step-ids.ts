import { createHash } from 'node:crypto';

/** Namespace of the ids the case workflow's steps write (a fixed, random UUID). */
const STEP_NAMESPACE = Buffer.from('6f1d3c2a9b8e4f7d8c5a1e2b3d4f6a7c', 'hex');

/**
 * A UUID (version 5 layout: SHA-1 of a namespace and a name) derived from the workflow id and the
 * step key, e.g. `case-…` + `task/acknowledge/unit_manager`. The same step always writes the same
 * deadline or task id, so a retried activity, a replayed workflow or a rebuilt run finds what the
 * step wrote before instead of writing it again.
 */
export function stepUuid(workflowId: string, stepKey: string): string {
  const hash = createHash('sha1')
    .update(STEP_NAMESPACE)
    .update(`${workflowId}\u0000${stepKey}`, 'utf8')
    .digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
