// Encrypts and decrypts backup files (infra/backup.sh, infra/restore.sh; ADR 0031): a backup holds
// every person's data, so it never leaves this machine in clear. AES-256-GCM (the tag makes a
// tampered or truncated file fail instead of restoring garbage), the key derived from a passphrase
// with scrypt and a salt per file. Node's crypto only, streaming, so a large dump never sits in memory.
//
//   node infra/backup-crypt.mjs encrypt <in> <out>
//   node infra/backup-crypt.mjs decrypt <in> <out>
//
// The passphrase: KVALITET_BACKUP_PASSPHRASE_FILE (a file, first line) or KVALITET_BACKUP_PASSPHRASE.
// File layout: "KVBK0001" (8 bytes) | scrypt salt (16) | IV (12) | ciphertext | GCM tag (16).
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  closeSync,
  statSync,
  rmSync,
  readFileSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';

const MAGIC = Buffer.from('KVBK0001', 'ascii');
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + SALT + IV;
// N = 2^15 takes ~0.1 s and 32 MB: a guessed passphrase costs that much per try.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function passphrase() {
  const file = process.env.KVALITET_BACKUP_PASSPHRASE_FILE;
  const value = file ? readFileSync(file, 'utf8').split('\n')[0] : process.env.KVALITET_BACKUP_PASSPHRASE;
  if (!value)
    throw new Error(
      'lösenfras saknas / no passphrase: sätt / set KVALITET_BACKUP_PASSPHRASE_FILE eller / or KVALITET_BACKUP_PASSPHRASE',
    );
  if (value.length < 12)
    throw new Error(
      'lösenfrasen är för kort / the passphrase is too short (minst / at least 12 tecken / characters)',
    );
  return value;
}

async function encrypt(input, output) {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(passphrase(), salt, 32, SCRYPT), iv);
  const out = createWriteStream(output, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, salt, iv]));
  await pipeline(createReadStream(input), cipher, out, { end: false });
  await new Promise((resolve, reject) =>
    out.end(cipher.getAuthTag(), (error) => (error ? reject(error) : resolve())),
  );
}

async function decrypt(input, output) {
  const size = statSync(input).size;
  if (size < HEADER + TAG)
    throw new Error(`${input}: för kort för en krypterad säkerhetskopia / too short for an encrypted backup`);
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  const fd = openSync(input, 'r');
  try {
    readSync(fd, head, 0, HEADER, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  if (!head.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error(`${input}: inte en krypterad säkerhetskopia / not an encrypted backup (KVBK0001)`);
  const salt = head.subarray(MAGIC.length, MAGIC.length + SALT);
  const iv = head.subarray(MAGIC.length + SALT, HEADER);
  const decipher = createDecipheriv('aes-256-gcm', scryptSync(passphrase(), salt, 32, SCRYPT), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      size - TAG > HEADER ? createReadStream(input, { start: HEADER, end: size - TAG - 1 }) : [],
      decipher,
      createWriteStream(output, { mode: 0o600 }),
    );
  } catch (error) {
    rmSync(output, { force: true });
    if (String(error).includes('authenticate'))
      throw new Error(`${input}: fel lösenfras eller skadad fil / wrong passphrase or damaged file`);
    throw error;
  }
}

const [command, input, output] = process.argv.slice(2);
const run = command === 'encrypt' ? encrypt : command === 'decrypt' ? decrypt : null;
if (!run || !input || !output) {
  process.stderr.write('usage: node infra/backup-crypt.mjs encrypt|decrypt <in> <out>\n');
  process.exit(2);
}
run(input, output).catch((error) => {
  process.stderr.write(`[backup-crypt] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
