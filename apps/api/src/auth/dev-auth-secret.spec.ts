import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_DEV_AUTH_SECRET_FILE, devAuthSecret } from './dev-auth-secret';

describe('dev auth secret (issue 24)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-auth-secret-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const text = (secret: { key: Uint8Array }) => new TextDecoder().decode(secret.key);

  it('lives in the checkout’s .infra/, which git ignores', () => {
    const root = resolve(__dirname, '../../../..');
    expect(DEFAULT_DEV_AUTH_SECRET_FILE).toBe(join(root, '.infra', 'dev-auth-secret'));
    expect(
      execFileSync('git', ['check-ignore', '--no-index', DEFAULT_DEV_AUTH_SECRET_FILE], { cwd: root })
        .toString()
        .trim(),
    ).toBe(DEFAULT_DEV_AUTH_SECRET_FILE);
  });

  it('uses DEV_AUTH_SECRET when given, and touches no file', () => {
    const file = join(dir, 'secret');
    const secret = devAuthSecret({ DEV_AUTH_SECRET: 'x'.repeat(40), DEV_AUTH_SECRET_FILE: file });
    expect(secret.source).toBe('DEV_AUTH_SECRET');
    expect(text(secret)).toBe('x'.repeat(40));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('generates 32 random bytes once, readable only by the owner, and reuses them', () => {
    const file = join(dir, 'nested', 'dev-auth-secret');
    const first = devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: file });
    expect(first.source).toBe('created');
    expect(first.file).toBe(file);
    expect(Buffer.from(text(first), 'base64url')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(text(first));
    const again = devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: file });
    expect(again.source).toBe('file');
    expect(text(again)).toBe(text(first));
    expect(readdirSync(join(dir, 'nested'))).toEqual(['dev-auth-secret']);
  });

  it('gives another installation another secret', () => {
    const a = devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: join(dir, 'a') });
    const b = devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: join(dir, 'b') });
    expect(text(a)).not.toBe(text(b));
  });

  it('refuses a secret file others can read, or one too short to be a secret', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, 'x'.repeat(43), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: file })).toThrow(
      /kan läsas av andra än ägaren; kör chmod 600/,
    );
    chmodSync(file, 0o600);
    writeFileSync(file, 'kort\n');
    expect(() => devAuthSecret({ DEV_AUTH_SECRET: undefined, DEV_AUTH_SECRET_FILE: file })).toThrow(
      /kortare än 32 tecken/,
    );
  });

  it('lets exactly one of several processes starting at once create the secret, and all read it', () => {
    const file = join(dir, 'dev-auth-secret');
    // Each process loads the module, then waits for the same instant before it reads or creates.
    const startAt = Date.now() + 4000;
    const script = `
      require('@swc-node/register');
      const { devAuthSecret } = require(${JSON.stringify(join(__dirname, 'dev-auth-secret.ts'))});
      while (Date.now() < ${startAt});
      const s = devAuthSecret({ DEV_AUTH_SECRET_FILE: ${JSON.stringify(file)} });
      process.stdout.write(s.source + ' ' + new TextDecoder().decode(s.key) + '\\n');`;
    const runs = execFileSync('bash', ['-c', `for i in 1 2 3 4; do node -e "$0" & done; wait`, script], {
      cwd: resolve(__dirname, '../../../..'),
    }).toString();
    const lines = runs.match(/(created|file) \S+/g) ?? [];
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.startsWith('created'))).toHaveLength(1);
    expect(new Set(lines.map((line) => line.split(' ')[1]))).toEqual(
      new Set([readFileSync(file, 'utf8').trim()]),
    );
    expect(readdirSync(dir)).toEqual(['dev-auth-secret']);
  });
});
