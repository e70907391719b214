import { randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiConfig } from '../config/api-config.schema';

/** `.infra/` of this checkout (git-ignored), beside the servers `infra/up.sh` provisions. */
export const DEFAULT_DEV_AUTH_SECRET_FILE = resolve(__dirname, '../../../../.infra/dev-auth-secret');
const MIN_SECRET_LENGTH = 32;

export interface DevAuthSecret {
  /** The HMAC key of AUTH_MODE=dev tokens (the UTF-8 bytes of the secret text). */
  key: Uint8Array;
  /** Where it came from; `created` = this call wrote a new file. */
  source: 'DEV_AUTH_SECRET' | 'file' | 'created';
  file?: string;
}

function readSecretFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(
      `${file} kan läsas av andra än ägaren; kör chmod 600 ${file} / ${file} is readable by others than its owner`,
    );
  }
  if (text.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${file} är kortare än ${MIN_SECRET_LENGTH} tecken; ta bort filen så skapas en ny / ` +
        `${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete it and a new one is generated`,
    );
  }
  return text;
}

/**
 * Reads the installation's dev secret, or generates one (32 random bytes) if there is none yet. The
 * new secret is written to a private temporary file and hard-linked into place, which fails if the
 * file already exists: of several api processes starting at once exactly one secret wins, and every
 * process then reads that one.
 */
function readOrCreateSecretFile(file: string): { text: string; created: boolean } {
  const existing = readSecretFile(file);
  if (existing) return { text: existing, created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  let created = false;
  try {
    linkSync(temporary, file);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const text = readSecretFile(file);
  if (!text) throw new Error(`${file} försvann medan den skapades / vanished while being created`);
  return { text, created };
}

/**
 * The AUTH_MODE=dev signing secret: DEV_AUTH_SECRET if given, else the per-installation file
 * (DEV_AUTH_SECRET_FILE, default `.infra/dev-auth-secret`), generated on first use. There is no
 * built-in secret: a token from another installation, or signed with a published constant, fails.
 */
export function devAuthSecret(
  config: Pick<ApiConfig, 'DEV_AUTH_SECRET' | 'DEV_AUTH_SECRET_FILE'>,
): DevAuthSecret {
  const encode = (text: string) => new TextEncoder().encode(text);
  if (config.DEV_AUTH_SECRET) return { key: encode(config.DEV_AUTH_SECRET), source: 'DEV_AUTH_SECRET' };
  const file = resolve(config.DEV_AUTH_SECRET_FILE ?? DEFAULT_DEV_AUTH_SECRET_FILE);
  const { text, created } = readOrCreateSecretFile(file);
  return { key: encode(text), source: created ? 'created' : 'file', file };
}
