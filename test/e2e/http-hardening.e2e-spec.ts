import { connect } from 'node:net';
import { expectProblem, METRICS_AUTH, startApi, type ProblemBody, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';

// Issue 24: the smaller findings of the 2026-12-07 security review (L-1, L-6, L-7, L-8), replayed
// against the api process as production starts it. Short receive timeouts (2 s for a request, 1 s for
// its headers) so the trickle tests finish quickly; the defaults are 30 s and 20 s.

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** What a raw socket got back, and after how long the server closed it. */
interface RawExchange {
  received: string;
  closedAfterMs: number;
  bytesSent: number;
}

/**
 * Sends `head` at once, then `payload` one byte every `everyMs` until the server closes the
 * connection (or `giveUpMs` passes).
 */
function trickle(
  baseUrl: string,
  head: string,
  payload: string,
  everyMs: number,
  giveUpMs: number,
): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`anslutningen var fortfarande öppen efter ${giveUpMs} ms; mottaget: ${received}`));
    }, giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < payload.length && socket.writable) socket.write(payload[sent++]!);
      }, everyMs);
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: Date.now() - started, bytesSent: sent });
    });
  });
}

describe('HTTP hardening (e2e, issue 24: review L-1, L-6, L-7, L-8)', () => {
  let api: TestApi;
  let staff: string;
  let manager: string;

  beforeAll(async () => {
    api = await startApi({ HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_HEADERS_TIMEOUT_SECONDS: '1' });
    staff = await api.token('medarbetare');
    manager = await api.token('enhetschef');
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('L-1: JSON nesting and size are refused before validation', () => {
    const devToken = (rawBody: string) =>
      api.call('POST', '/api/v1/auth/dev-token', {
        rawBody,
        headers: { 'content-type': 'application/json' },
      });

    it('answers the review reproduction (1,500 levels on the unauthenticated dev-token route) with 400 TOO_DEEP, not 500', async () => {
      const response = await devToken(`{"username":"sas","x":${nested(1500)}}`);
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([
        { field: '', code: 'TOO_DEEP', message: 'Begärans JSON är nästlad djupare än 64 nivåer.' },
      ]);
    });

    it('refuses 65 levels on an authenticated route as well, and lets 64 through to validation', async () => {
      const deep = await api.call('POST', '/api/v1/cases', {
        token: staff,
        rawBody: JSON.stringify({ ...report('deviation', 'solgarden'), extra: JSON.parse(nested(64)) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(expectProblem(deep, 400, 'VALIDATION_FAILED').errors?.[0]?.code).toBe('TOO_DEEP');
      const deepest = await devToken(`{"username":"sas","x":${nested(63)}}`);
      expect(deepest.status).toBe(400);
      expect((deepest.body as ProblemBody).errors?.map((e) => e.code)).not.toContain('TOO_DEEP');
      const wide = await devToken(
        JSON.stringify({ username: 'sas', x: Array.from({ length: 2000 }, () => [[1]]) }),
      );
      expect((wide.body as ProblemBody).errors?.map((e) => e.code)).not.toContain('TOO_DEEP');
    });

    it('answers a body over BODY_LIMIT_BYTES with 413 on dev-token and on POST /cases', async () => {
      const huge = JSON.stringify({ username: 'sas', padding: 'x'.repeat(300 * 1024) });
      expectProblem(await devToken(huge), 413, 'PAYLOAD_TOO_LARGE');
      const hugeReport = JSON.stringify(report('deviation', 'solgarden', 'y'.repeat(300 * 1024)));
      expectProblem(
        await api.call('POST', '/api/v1/cases', {
          token: staff,
          rawBody: hugeReport,
          headers: { 'content-type': 'application/json' },
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });
  });

  describe('L-7: a trickled request is cut after the receive timeout', () => {
    it('closes a body sent one byte at a time with 408 after HTTP_REQUEST_TIMEOUT_SECONDS (2 s here), not minutes later', async () => {
      const body = JSON.stringify({
        type: 'complaint',
        description: 'Långsamt inskickad synpunkt från en klient som droppar bytes',
      });
      const head =
        `POST /api/v1/public/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      const exchange = await trickle(api.baseUrl, head, body, 150, 15_000);
      expect(exchange.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(1_900);
      expect(exchange.closedAfterMs).toBeLessThan(4_500);
      expect(exchange.bytesSent).toBeLessThan(Buffer.byteLength(body));
    });

    it('closes trickled headers after HTTP_HEADERS_TIMEOUT_SECONDS (1 s here)', async () => {
      const headers = `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
      const exchange = await trickle(api.baseUrl, '', headers, 100, 15_000);
      expect(exchange.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(exchange.closedAfterMs).toBeLessThan(3_500);
    });

    it('still answers a request that arrives in time on the same server', async () => {
      expect((await api.call('GET', '/health/live')).status).toBe(200);
    });
  });

  describe('L-8: /metrics behind METRICS_TOKEN, /health/ready without details to the public', () => {
    it('refuses /metrics without the token or with a wrong one (401, WWW-Authenticate), serves Prometheus text with it', async () => {
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token-of-same-size' },
        { authorization: 'Basic ZTJlOmUyZQ==' },
      ] as Record<string, string>[]) {
        const refused = await api.call('GET', '/metrics', { headers });
        expectProblem(refused, 401, 'UNAUTHENTICATED');
        expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(refused.text).not.toContain('process_cpu');
      }
      const scraped = await api.call('GET', '/metrics', { headers: METRICS_AUTH });
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(scraped.text).toContain('kvalitet_api_process_cpu_user_seconds_total');
    });

    it('answers /health/ready with the status only to the public and with the dependencies to the token', async () => {
      const open = await api.call('GET', '/health/ready');
      expect(open.status).toBe(200);
      expect(open.body).toEqual({ status: 'ready' });
      const detailed = await api.call<{ status: string; dependencies: Record<string, { status: string }> }>(
        'GET',
        '/health/ready',
        {
          headers: METRICS_AUTH,
        },
      );
      expect(detailed.body.status).toBe('ready');
      expect(Object.keys(detailed.body.dependencies).sort()).toEqual(['kafka', 'postgres', 'temporal']);
    });
  });

  describe('L-6: an action owner must be a user of the organisation', () => {
    async function caseUnderInvestigation(): Promise<string> {
      const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
        token: staff,
        body: report('deviation', 'solgarden'),
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(
        (await api.call('POST', `/api/v1/cases/${id}/start-investigation`, { token: manager, body: {} }))
          .status,
      ).toBe(200);
      const recorded = await api.call('POST', `/api/v1/cases/${id}/record-investigation`, {
        token: manager,
        body: { summary: 'Rutinen följdes inte', causes: ['routine'] },
      });
      expect(recorded.status).toBe(200);
      return id;
    }
    const action = (owner: string) => ({
      title: 'Genomgång av rutinen',
      level: 'organisational',
      owner,
      dueAt: isoMinutesFromNow(14 * 24 * 60),
    });

    it('refuses an e-mail address (the review reproduction) and a free name with 400 UNKNOWN_USER on owner, and writes nothing', async () => {
      const id = await caseUnderInvestigation();
      for (const owner of ['secprobe-owner@evil.example', 'Anna Andersson', 'ENHETSCHEF', 'nobody']) {
        const refused = await api.call('POST', `/api/v1/cases/${id}/add-action`, {
          token: manager,
          body: action(owner),
        });
        expect(expectProblem(refused, 400, 'VALIDATION_FAILED').errors).toEqual([
          expect.objectContaining({ field: 'owner', code: 'UNKNOWN_USER' }),
        ]);
      }
      const added: { count: string }[] = await api.db.dataSource.query(
        `SELECT count(*) FROM events WHERE aggregate_id = $1 AND type = 'ActionAdded'`,
        [id],
      );
      expect(Number(added[0]!.count)).toBe(0);
    });

    it('accepts a directory user and the caller as owner', async () => {
      const id = await caseUnderInvestigation();
      const toSas = await api.call<{ actions: { owner: string }[] }>(
        'POST',
        `/api/v1/cases/${id}/add-action`,
        { token: manager, body: action('sas') },
      );
      expect(toSas.status).toBe(200);
      const toSelf = await api.call<{ actions: { owner: string }[] }>(
        'POST',
        `/api/v1/cases/${id}/add-action`,
        { token: manager, body: action('enhetschef') },
      );
      expect(toSelf.status).toBe(200);
      expect(toSelf.body.actions.map((a) => a.owner).sort()).toEqual(['enhetschef', 'sas']);
    });

    it('applies the same rule to the actions of a risk assessment', async () => {
      const created = await api.call<{ id: string; risks: { id: string }[] }>(
        'POST',
        '/api/v1/risk-assessments',
        {
          token: manager,
          body: {
            title: 'Fall nattetid',
            unitId: 'solgarden',
            trigger: 'change',
            risks: [
              {
                description: 'Fall vid förflyttning',
                probability: 3,
                severity: 3,
                causes: ['Ensam personal'],
              },
            ],
          },
        },
      );
      expect(created.status).toBe(201);
      const riskAction = (owner: string) => ({
        riskId: created.body.risks[0]!.id,
        title: 'Dubbelbemanning',
        owner,
        dueAt: isoMinutesFromNow(7 * 24 * 60),
      });
      const refused = await api.call('POST', `/api/v1/risk-assessments/${created.body.id}/actions`, {
        token: manager,
        body: riskAction('x@evil.example'),
      });
      expect(expectProblem(refused, 400, 'VALIDATION_FAILED').errors?.[0]).toMatchObject({
        field: 'owner',
        code: 'UNKNOWN_USER',
      });
      const accepted = await api.call('POST', `/api/v1/risk-assessments/${created.body.id}/actions`, {
        token: manager,
        body: riskAction('avdelningschef'),
      });
      expect(accepted.status).toBe(200);
    });
  });
});
