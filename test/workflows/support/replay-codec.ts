import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeyring } from '@kvalitet/runtime';

/**
 * A published key, for the histories recorded WITH the payload codec (`record-histories.ts --codec`,
 * folder `histories-encrypted/`) and their replay test only; it protects nothing. `replay-2` is a
 * rotation: the recorded payloads name `replay-1` and must still open when `replay-2` encrypts.
 */
export const REPLAY_KEYS = {
  'replay-1': 'cmVwbGF5LXRlc3Qta2V5LW9uZS0zMi1ieXRlcy0hISE=',
  'replay-2': 'cmVwbGF5LXRlc3Qta2V5LXR3by0zMi1ieXRlcy0hISE=',
} as const;

export const ENCRYPTED_HISTORIES_DIR = `${__dirname}/../histories-encrypted`;

export function replayCodecConverter(
  keys: readonly (keyof typeof REPLAY_KEYS)[] = ['replay-1'],
  active: keyof typeof REPLAY_KEYS = keys[keys.length - 1]!,
): DataConverter {
  const list = keys.map((id) => `${id}:${REPLAY_KEYS[id]}`).join(',');
  return { payloadCodecs: [new AesGcmPayloadCodec(parsePayloadKeyring(list, active))] };
}
