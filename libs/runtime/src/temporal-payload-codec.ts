import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** `encoding` of a payload this codec sealed; anything else passes through decode untouched. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_CIPHER = 'AES-256-GCM';
const KEY_ID = 'encryption-key-id';
const CIPHER = 'encryption-cipher';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = new TextEncoder();
const utf8 = new TextDecoder();

/** The installation's payload keys: every key that may still be needed to decrypt, and the one that encrypts. */
export interface PayloadKeyring {
  keys: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
}

/** Thrown when a sealed payload cannot be opened (unknown key id, altered bytes, wrong key). */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * Encrypts every Temporal payload (workflow and activity arguments and results, signals, queries,
 * memos, heartbeats) with AES-256-GCM, so a workflow history holds no personal data in clear
 * (ADR 0028). The whole original payload — metadata and data — is sealed; the key id goes beside it
 * in the clear metadata so that payloads written before a rotation still open. Payloads without the
 * encrypted encoding (histories from before the codec, recorded replay histories) pass through.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {
    if (!keyring.keys.has(keyring.activeKeyId))
      throw new Error(`nyckeln ${keyring.activeKeyId} finns inte bland nycklarna`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload));
  }

  private seal(payload: Payload): Payload {
    const keyId = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(keyId)!, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(frame(payload)), cipher.final()]);
    return {
      metadata: {
        encoding: text.encode(ENCRYPTED_ENCODING),
        [CIPHER]: text.encode(ENCRYPTION_CIPHER),
        [KEY_ID]: text.encode(keyId),
      },
      data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
    };
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.['encoding'];
    if (!encoding || utf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID];
    const keyId = idBytes ? utf8.decode(idBytes) : '';
    const key = this.keyring.keys.get(keyId);
    if (!key)
      throw new PayloadDecryptionError(
        `Temporal-data är krypterat med nyckeln "${keyId}", som inte finns i TEMPORAL_PAYLOAD_KEYS`,
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError('krypterat Temporal-data är för kort');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `krypterat Temporal-data kunde inte öppnas med nyckeln "${keyId}" (ändrat?)`,
      );
    }
    return unframe(plain);
  }
}

/** The original payload as bytes: its metadata and data, base64 in a small JSON frame. */
function frame(payload: Payload): Buffer {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {}))
    if (value) metadata[name] = Buffer.from(value).toString('base64');
  return Buffer.from(
    JSON.stringify({ m: metadata, d: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }),
    'utf8',
  );
}

function unframe(bytes: Buffer): Payload {
  const { m, d } = JSON.parse(bytes.toString('utf8')) as { m: Record<string, string>; d: string };
  const metadata: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(m))
    metadata[name] = new Uint8Array(Buffer.from(value, 'base64'));
  return { metadata, data: new Uint8Array(Buffer.from(d, 'base64')) };
}
