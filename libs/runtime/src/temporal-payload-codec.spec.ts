import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { DefaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, PayloadDecryptionError } from './temporal-payload-codec';
import {
  parsePayloadKeyring,
  temporalDataConverter,
  temporalPayloadKeyring,
} from './temporal-data-converter';
import { ConfigurationError } from './validate-config';

const key = () => randomBytes(32).toString('base64');
const K1 = key();
const K2 = key();
const NEEDLE = 'Brukaren Åsa Nålsöga-4711 föll i badrummet';
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const valueOf = (payload: Payload): unknown => defaultPayloadConverter.fromPayload(payload);
const bytesText = (payload: Payload) =>
  Buffer.concat([
    ...Object.values(payload.metadata ?? {}).map((v) => Buffer.from(v)),
    Buffer.from(payload.data ?? new Uint8Array()),
  ]).toString('latin1');

function problemsOf(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

// ADR 0028: workflow histories hold no personal data in clear (issue 19, DATA-2, DATA-7).
describe('Temporal payload codec (AES-256-GCM)', () => {
  const codec = new AesGcmPayloadCodec(parsePayloadKeyring(`k1:${K1}`));

  it('round-trips a payload and leaves no clear text in the sealed one', async () => {
    const original = payloadOf({ description: NEEDLE, n: 1 });
    const [sealed] = await codec.encode([original]);
    expect(Buffer.from(sealed!.metadata!['encoding']!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(bytesText(sealed!)).not.toContain('Nålsöga');
    expect(bytesText(sealed!)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed!]);
    expect(valueOf(opened!)).toEqual({ description: NEEDLE, n: 1 });
    expect(Buffer.from(opened!.metadata!['encoding']!).toString()).toBe('json/plain');
  });

  it('uses a fresh IV for every payload', async () => {
    const [a, b] = await codec.encode([payloadOf('x'), payloadOf('x')]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('after a rotation encrypts with the active key and still opens what the old key sealed', async () => {
    const [old] = await codec.encode([payloadOf({ description: NEEDLE })]);
    const rotated = new AesGcmPayloadCodec(parsePayloadKeyring(`k1:${K1},k2:${K2}`, 'k2'));
    const [fresh] = await rotated.encode([payloadOf('ny')]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    expect((await rotated.decode([old!, fresh!])).map(valueOf)).toEqual([{ description: NEEDLE }, 'ny']);
    // Once k1 is dropped, its payloads no longer open: the error names the key and the variable.
    const withoutK1 = new AesGcmPayloadCodec(parsePayloadKeyring(`k2:${K2}`));
    await expect(withoutK1.decode([old!])).rejects.toThrow(/"k1".*TEMPORAL_PAYLOAD_KEYS/);
  });

  it('refuses a tampered payload, a swapped key id and the wrong key', async () => {
    const [sealed] = await codec.encode([payloadOf({ description: NEEDLE })]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toBeInstanceOf(PayloadDecryptionError);
    const sameKeyOtherId = new AesGcmPayloadCodec(parsePayloadKeyring(`k1:${K1},k9:${K1}`, 'k9'));
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-key-id': new TextEncoder().encode('k9') },
    };
    await expect(sameKeyOtherId.decode([relabelled])).rejects.toBeInstanceOf(PayloadDecryptionError);
    const wrong = new AesGcmPayloadCodec(parsePayloadKeyring(`k1:${K2}`));
    await expect(wrong.decode([sealed!])).rejects.toThrow(/kunde inte öppnas/);
  });

  it('passes payloads that are not encrypted through (histories from before the codec)', async () => {
    const plain = payloadOf({ description: 'gammal' });
    const empty: Payload = { metadata: { encoding: new TextEncoder().encode('binary/null') } };
    expect(await codec.decode([plain, empty])).toEqual([plain, empty]);
  });
});

describe('Temporal payload keys from configuration', () => {
  it('names the variable of every malformed value', () => {
    expect(problemsOf(() => parsePayloadKeyring('k1'))).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS: .*<id>:<base64-nyckel>/),
    ]);
    expect(problemsOf(() => parsePayloadKeyring(`k1:${randomBytes(16).toString('base64')}`))).toEqual([
      'TEMPORAL_PAYLOAD_KEYS: nyckeln k1 är inte 32 byte (base64)',
    ]);
    expect(problemsOf(() => parsePayloadKeyring(`k1:${K1},k1:${K2}`, 'k1'))).toEqual([
      'TEMPORAL_PAYLOAD_KEYS: nyckeln k1 finns två gånger',
    ]);
    expect(problemsOf(() => parsePayloadKeyring(`k1:${K1},k2:${K2}`))).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEY_ID saknas/),
    ]);
    expect(problemsOf(() => parsePayloadKeyring(`k1:${K1}`, 'k3'))).toEqual([
      'TEMPORAL_PAYLOAD_KEY_ID: k3 finns inte i TEMPORAL_PAYLOAD_KEYS',
    ]);
  });

  it('refuses to start in production without keys', () => {
    expect(problemsOf(() => temporalDataConverter({ NODE_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS saknas: krävs när NODE_ENV=production/),
    ]);
    expect(
      problemsOf(() => temporalDataConverter({ NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: `k1:${K1}` })),
    ).toEqual([]);
  });

  it('encodes failure messages and stack traces too, so the codec encrypts them', async () => {
    const converter = temporalDataConverter({ NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: `k1:${K1}` });
    const { failureConverter } = (await import(converter.failureConverterPath!)) as {
      failureConverter: DefaultFailureConverter;
    };
    expect(failureConverter).toBeInstanceOf(DefaultFailureConverter);
    expect(failureConverter.options.encodeCommonAttributes).toBe(true);
  });

  it('outside production generates one private development key and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'payload-key-'));
    try {
      const env = { NODE_ENV: 'test', KVALITET_INFRA_DIR: join(dir, 'infra') };
      const first = temporalPayloadKeyring(env);
      const second = temporalPayloadKeyring(env);
      expect(first.activeKeyId).toBe('dev');
      expect(second.keys.get('dev')!.equals(first.keys.get('dev')!)).toBe(true);
      const file = join(dir, 'infra', 'temporal-payload-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
