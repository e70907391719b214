import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  connect,
  constants,
  createSecureServer,
  type ClientHttp2Session,
  type Http2SecureServer,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalConnectionFromEnv } from '@kvalitet/runtime';
import { infraEnv } from '../support/infra-env';

// Issue 20, "Configuration for real clusters": the Temporal connection helper really speaks TLS —
// with a client certificate (mutual TLS) and with an API key (Temporal Cloud style) — for the client
// (api, projector, CLIs) and the worker's native connection. The dev server has no TLS, so a gRPC
// proxy made here terminates TLS with an openssl certificate, records what it was shown and passes
// the calls on to the dev server.

let dir: string;
let proxy: Http2SecureServer;
let upstream: ClientHttp2Session;
let address: string;
const seen: { authorization: string | undefined; clientCertificate: boolean }[] = [];

function openssl(...args: string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8', cwd: dir });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

function issue(name: string, subject: string, extensions: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  writeFileSync(join(dir, `${name}.cnf`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.cnf`,
  );
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'http2-settings']);
function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !HOP_BY_HOP.has(name) && name !== ':authority' && name !== ':scheme',
    ),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kvalitet-temporal-tls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=kvalitet-test-ca',
  );
  issue('server', '/CN=temporal.internal', 'subjectAltName=DNS:temporal.internal\n');
  issue('client', '/CN=kvalitet-worker', 'extendedKeyUsage=clientAuth\n');

  upstream = connect(`http://${infraEnv().TEMPORAL_ADDRESS}`);
  proxy = createSecureServer({
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
    ca: readFileSync(join(dir, 'ca.pem')),
    requestCert: true,
    rejectUnauthorized: false,
  });
  proxy.on('stream', (stream, headers) => {
    seen.push({
      authorization: headers['authorization'] as string | undefined,
      clientCertificate: (stream.session?.socket as TLSSocket | undefined)?.authorized === true,
    });
    const request = upstream.request(forwardable(headers));
    let trailers: OutgoingHttpHeaders = {};
    request.on('trailers', (received) => (trailers = forwardable(received)));
    request.on('response', (response) => {
      stream.respond(forwardable(response), { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers(trailers));
      request.pipe(stream);
    });
    request.on('error', () => stream.close(constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => request.close(constants.NGHTTP2_CANCEL));
    stream.pipe(request);
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  address = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  upstream?.close();
  await new Promise((closed) => (proxy ? proxy.close(closed) : closed(undefined)));
  rmSync(dir, { recursive: true, force: true });
});

describe('Temporal over TLS through the connection helper', () => {
  it('mutual TLS (client certificate, CA, server name) for the client and the worker', async () => {
    const settings = temporalConnectionFromEnv({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: join(dir, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: join(dir, 'client.key'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    seen.length = 0;
    const connection = await Connection.connect({ ...settings.connection, connectTimeout: '10s' });
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBeTruthy();
    } finally {
      await connection.close();
    }
    const native = await NativeConnection.connect(settings.connection);
    await native.close();
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((call) => call.clientCertificate && call.authorization === undefined)).toBe(true);
  }, 60_000);

  it('an API key goes as Authorization: Bearer over TLS (Temporal Cloud style)', async () => {
    const settings = temporalConnectionFromEnv({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_API_KEY: 'kommunens-nyckel',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    seen.length = 0;
    const connection = await Connection.connect({ ...settings.connection, connectTimeout: '10s' });
    try {
      await connection.workflowService.getSystemInfo({});
    } finally {
      await connection.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.every((call) => call.authorization === 'Bearer kommunens-nyckel' && !call.clientCertificate),
    ).toBe(true);
  }, 60_000);

  it('a server whose certificate is not for the expected name is refused', async () => {
    const settings = temporalConnectionFromEnv({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'another.internal',
    });
    await expect(Connection.connect({ ...settings.connection, connectTimeout: '3s' })).rejects.toThrow();
  }, 60_000);
});
