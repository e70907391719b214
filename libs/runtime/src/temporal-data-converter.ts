import { randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { z } from 'zod';
import { createLogger } from './logger';
import { AesGcmPayloadCodec, type PayloadKeyring } from './temporal-payload-codec';
import { ConfigurationError } from './validate-config';

const KEY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY_BYTES = 32;
export const DEV_PAYLOAD_KEY_ID = 'dev';

/**
 * The variables of the Temporal payload keys, for every process's configuration schema (api, worker,
 * projector), so a malformed value stops the process at start naming the variable.
 *   TEMPORAL_PAYLOAD_KEYS="k1:<base64 of 32 bytes>,k2:<…>"  every key that may still be needed
 *   TEMPORAL_PAYLOAD_KEY_ID=k2                                the one that encrypts (rotation)
 */
export const temporalPayloadKeyVariables = {
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      for (const problem of keyListProblems(value))
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  TEMPORAL_PAYLOAD_KEY_ID: z
    .string()
    .regex(KEY_ID_PATTERN, 'bokstäver, siffror, _ . - (högst 64)')
    .optional(),
};

function keyListProblems(value: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of value.split(',').map((e) => e.trim())) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    if (!KEY_ID_PATTERN.test(id)) {
      problems.push(`"${entry.slice(0, 12)}…" är inte <id>:<base64-nyckel>`);
      continue;
    }
    if (seen.has(id)) problems.push(`nyckeln ${id} finns två gånger`);
    seen.add(id);
    if (Buffer.from(entry.slice(colon + 1), 'base64').length !== KEY_BYTES)
      problems.push(`nyckeln ${id} är inte ${KEY_BYTES} byte (base64)`);
  }
  return problems;
}

/** Reads a keyring from the two variables; every problem names the variable it is in. */
export function parsePayloadKeyring(keys: string, activeKeyId?: string): PayloadKeyring {
  const problems = keyListProblems(keys).map((p) => `TEMPORAL_PAYLOAD_KEYS: ${p}`);
  if (problems.length > 0) throw new ConfigurationError(problems);
  const map = new Map(
    keys.split(',').map((entry) => {
      const trimmed = entry.trim();
      const colon = trimmed.indexOf(':');
      return [trimmed.slice(0, colon), Buffer.from(trimmed.slice(colon + 1), 'base64')] as const;
    }),
  );
  const active = activeKeyId ?? (map.size === 1 ? [...map.keys()][0]! : undefined);
  if (!active)
    throw new ConfigurationError([
      'TEMPORAL_PAYLOAD_KEY_ID saknas: krävs när TEMPORAL_PAYLOAD_KEYS har flera nycklar (den som krypterar)',
    ]);
  if (!map.has(active))
    throw new ConfigurationError([`TEMPORAL_PAYLOAD_KEY_ID: ${active} finns inte i TEMPORAL_PAYLOAD_KEYS`]);
  return { keys: map, activeKeyId: active };
}

/** `.infra/` of this checkout (git-ignored), beside the servers `infra/up.sh` provisions. */
export function devPayloadKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env['KVALITET_INFRA_DIR'] ?? resolve(__dirname, '../../../.infra'), 'temporal-payload-key');
}

/**
 * The development key, generated once per checkout: written to a private temporary file and
 * hard-linked into place, which fails if the file exists, so of several processes starting at once
 * exactly one key wins and every process then reads that one (as the dev auth secret).
 */
function readOrCreateDevKey(file: string): Buffer {
  const read = (): Buffer | null => {
    let content: string;
    try {
      content = readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if ((statSync(file).mode & 0o077) !== 0)
      throw new Error(`${file} kan läsas av andra än ägaren; kör chmod 600 ${file}`);
    const key = Buffer.from(content, 'base64');
    if (key.length !== KEY_BYTES)
      throw new Error(`${file} är inte en nyckel på ${KEY_BYTES} byte; ta bort filen`);
    return key;
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const key = read();
  if (!key) throw new Error(`${file} försvann medan den skapades`);
  return key;
}

/**
 * The installation's keyring: TEMPORAL_PAYLOAD_KEYS, or — outside production only — the development
 * key in `.infra/temporal-payload-key` (id `dev`), so that `npm start` and the tests need nothing set.
 * Production without keys is refused: its histories would otherwise be readable by anyone with
 * access to Temporal's database or UI.
 */
export function temporalPayloadKeyring(env: NodeJS.ProcessEnv = process.env): PayloadKeyring {
  const keys = env['TEMPORAL_PAYLOAD_KEYS']?.trim();
  const activeKeyId = env['TEMPORAL_PAYLOAD_KEY_ID']?.trim() || undefined;
  if (keys) return parsePayloadKeyring(keys, activeKeyId);
  if (env['NODE_ENV'] === 'production')
    throw new ConfigurationError([
      'TEMPORAL_PAYLOAD_KEYS saknas: krävs när NODE_ENV=production (id:base64-nyckel på 32 byte, kommaseparerade)',
    ]);
  if (activeKeyId && activeKeyId !== DEV_PAYLOAD_KEY_ID)
    throw new ConfigurationError([`TEMPORAL_PAYLOAD_KEY_ID: ${activeKeyId} kräver TEMPORAL_PAYLOAD_KEYS`]);
  const file = devPayloadKeyFile(env);
  if (env['NODE_ENV'] !== 'test' && !warned.has(file)) {
    warned.add(file);
    createLogger('temporal').warn(
      { file },
      `TEMPORAL_PAYLOAD_KEYS saknas: Temporal-data krypteras med utvecklingsnyckeln i ${file} (bara för utveckling)`,
    );
  }
  return { keys: new Map([[DEV_PAYLOAD_KEY_ID, readOrCreateDevKey(file)]]), activeKeyId: DEV_PAYLOAD_KEY_ID };
}

const warned = new Set<string>();

/**
 * The data converter of EVERY Temporal client and worker of the system (api, worker, projector's
 * orchestrators, CLIs, tests): one place, so no process can write personal data to a history in clear.
 */
export function temporalDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(temporalPayloadKeyring(env))],
    failureConverterPath: TEMPORAL_FAILURE_CONVERTER_PATH,
  };
}

/** The failure converter module; the workflow bundle is built with it (`bundleWorkflows`). */
export const TEMPORAL_FAILURE_CONVERTER_PATH = resolve(__dirname, 'temporal-failure-converter');
