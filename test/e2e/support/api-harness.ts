import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStore } from '@kvalitet/persistence';
import { AppProcess, waitUntil } from '../../support/app-process';
import { infraEnv } from '../../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON and wrong media types). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestApi {
  baseUrl: string;
  process: AppProcess;
  db: TestDatabase;
  store: EventStore;
  /** The AUTH_MODE=dev signing secret this api was given (undefined if it uses DEV_AUTH_SECRET_FILE). */
  devAuthSecret: string | undefined;
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The bearer token the harness gives the api for `/metrics` and `/health/ready`'s details (issue 24). */
export const METRICS_TOKEN = 'e2e-metrics-token-not-secret';
export const METRICS_AUTH = { authorization: `Bearer ${METRICS_TOKEN}` } as const;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('ingen port')),
      );
    });
  });
}

/**
 * Starts the api as production does — `node -r @swc-node/register apps/api/src/main.ts`, i.e.
 * main.ts → AppModule → configureApp — on a free port, against a fresh migrated database of its own
 * on the real Postgres and the real Temporal and Kafka. (NestJS 12 is ESM-only and Jest 30 cannot
 * load ESM on Node 20, so the app runs in a child process rather than in the test's module graph.)
 * AUTH_MODE is `dev` on loopback with a fresh random DEV_AUTH_SECRET, unless `env` says otherwise
 * (with DEV_AUTH_SECRET_FILE the api uses that file, as it does `.infra/dev-auth-secret` by default).
 */
export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase({ poolSize: 5 });
  const infra = infraEnv();
  const port = await freePort();
  const devAuthSecret =
    env.DEV_AUTH_SECRET ?? (env.DEV_AUTH_SECRET_FILE ? undefined : randomBytes(32).toString('base64url'));
  const child = new AppProcess(
    'apps/api/src/main.ts',
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '20',
      TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      AUTH_MODE: 'dev',
      ...(devAuthSecret ? { DEV_AUTH_SECRET: devAuthSecret } : {}),
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      PUBLIC_FEEDBACK_RATE_LIMIT: '10000',
      METRICS_TOKEN,
      ...env,
    },
    'api',
  );
  child.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        if (!child.running) throw new Error(`api avslutades vid start:\n${child.text}`);
        return fetch(`${baseUrl}/health/live`).then(
          (r) => r.ok,
          () => false,
        );
      },
      60_000,
      'api svarar på /health/live',
    );
  } catch (error) {
    await child.terminate(10_000).catch(() => undefined);
    await db.drop();
    throw error;
  }
  const tokens = new Map<string, string>();

  const call = async <T>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | Buffer | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };

  return {
    baseUrl,
    process: child,
    db,
    store: new EventStore(db.dataSource),
    devAuthSecret,
    call,
    async token(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await call<{ access_token: string }>('POST', '/api/v1/auth/dev-token', {
        body: { username },
      });
      if (response.status !== 200)
        throw new Error(`dev-token för ${username}: ${response.status} ${response.text}`);
      tokens.set(username, response.body.access_token);
      return response.body.access_token;
    },
    async close() {
      if (child.running) {
        const code = await child.terminate(15_000);
        if (code !== 0 && code !== 'SIGTERM')
          process.stderr.write(`api avslutades med ${String(code)}:\n${child.text}\n`);
      }
      await db.drop();
    },
  };
}

export const DEMO_USERNAMES = [
  'medarbetare',
  'enhetschef',
  'enhetschef.ekbacken',
  'avdelningschef',
  'forvaltningschef',
  'sas',
  'mas',
  'kvalitet',
  'ledning',
] as const;
export type DemoUsername = (typeof DEMO_USERNAMES)[number];

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; code: string; message: string }[];
  requestId?: string;
}

/** The checks every error answer must pass: problem+json, the stable code, a Swedish detail and a request id. */
export function expectProblem(response: ApiResponse, status: number, code: string): ProblemBody {
  expect({ status: response.status, code: (response.body as ProblemBody | undefined)?.code }).toEqual({
    status,
    code,
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = response.body as ProblemBody;
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^urn:kvalitet:problem:/);
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}
