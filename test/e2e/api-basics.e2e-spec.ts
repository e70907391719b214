import { randomUUID } from 'node:crypto';
import { expectProblem, METRICS_AUTH, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

describe('api basics: identity, organisation, OpenAPI, metrics, problem+json for bad input (e2e)', () => {
  let api: TestApi;
  let kvalitet: string;
  let staff: string;

  beforeAll(async () => {
    api = await startApi({ CORS_ORIGIN: 'https://kvalitet.example.se' });
    kvalitet = await api.token('kvalitet');
    staff = await api.token('medarbetare');
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('identity and organisation', () => {
    it('issues an 8 h HS256 dev token for a demo user and shows who that is', async () => {
      const issued = await api.call<{ access_token: string; token_type: string; expires_in: number }>(
        'POST',
        '/api/v1/auth/dev-token',
        { body: { username: 'sas' } },
      );
      expect(issued.status).toBe(200);
      expect(issued.body).toMatchObject({ token_type: 'Bearer', expires_in: 8 * 3600 });
      const header = JSON.parse(
        Buffer.from(issued.body.access_token.split('.')[0]!, 'base64url').toString(),
      ) as { alg: string };
      expect(header.alg).toBe('HS256');
      const me = await api.call('GET', '/api/v1/me', { token: issued.body.access_token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        username: 'sas',
        name: expect.any(String),
        roles: ['lex_sarah_investigator'],
        unitIds: ['forvaltning'],
      });
    });

    it.each([
      ['medarbetare', ['staff'], ['solgarden']],
      ['enhetschef', ['unit_manager'], ['solgarden']],
      ['enhetschef.ekbacken', ['unit_manager'], ['ekbacken']],
      ['avdelningschef', ['division_manager'], ['aldreomsorg']],
      ['forvaltningschef', ['director'], ['forvaltning']],
      ['sas', ['lex_sarah_investigator'], ['forvaltning']],
      ['mas', ['mas'], ['forvaltning']],
      ['kvalitet', ['quality_coordinator'], ['forvaltning']],
      ['ledning', ['management_team'], ['forvaltning']],
    ])('knows the demo user %s', async (username, roles, unitIds) => {
      const me = await api.call<{ name: string }>('GET', '/api/v1/me', { token: await api.token(username) });
      expect(me.body).toMatchObject({ username, roles, unitIds });
      expect(me.body.name).toMatch(/^[A-ZÅÄÖ]/);
    });

    it('refuses an unknown demo user with a Swedish field message', async () => {
      const response = await api.call('POST', '/api/v1/auth/dev-token', { body: { username: 'okand' } });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([
        {
          field: 'username',
          code: 'INVALID_ENUM',
          message: expect.stringMatching(/^Fältet username måste vara något av: medarbetare, /),
        },
      ]);
    });

    it('answers 401 UNAUTHENTICATED without a token, with a bad one and with one signed by someone else', async () => {
      expectProblem(await api.call('GET', '/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await api.call('GET', '/api/v1/me', { headers: { authorization: 'Bearer inte.en.token' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/me', { headers: { authorization: 'Basic a2F0dDpodW5k' } }),
        401,
        'UNAUTHENTICATED',
      );
      const [h, p] = kvalitet.split('.');
      const forged = `${h}.${p}.${Buffer.from('fel signatur').toString('base64url')}`;
      const response = await api.call('GET', '/api/v1/me', { token: forged });
      expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('serves the unit tree of the demo organisation', async () => {
      const response = await api.call<{
        items: {
          id: string;
          name: string;
          parentId: string | null;
          children: { id: string; children: { id: string }[] }[];
        }[];
      }>('GET', '/api/v1/org/units', { token: staff });
      expect(response.status).toBe(200);
      const [root] = response.body.items;
      expect(root).toMatchObject({ id: 'forvaltning', name: 'Socialförvaltningen', parentId: null });
      const aldreomsorg = root!.children.find((c) => c.id === 'aldreomsorg');
      expect(aldreomsorg?.children.map((c) => c.id).sort()).toEqual(['hemtjanst-norr', 'solgarden']);
    });
  });

  describe('OpenAPI, health, metrics, headers', () => {
    it('serves the OpenAPI document at /api/v1/openapi.json with the names of api.md', async () => {
      const response = await api.call<{
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
      }>('GET', '/api/v1/openapi.json');
      expect(response.status).toBe(200);
      const doc = response.body;
      expect(doc.openapi).toMatch(/^3\./);
      const paths = Object.keys(doc.paths);
      for (const path of [
        '/api/v1/auth/dev-token',
        '/api/v1/me',
        '/api/v1/org/units',
        '/api/v1/cases',
        '/api/v1/public/feedback',
        '/api/v1/cases/{id}',
        '/api/v1/cases/{id}/events',
        '/api/v1/tasks',
        '/api/v1/policy',
        '/api/v1/audit/access-log',
        '/health/live',
        '/health/ready',
      ]) {
        expect(paths).toContain(path);
      }
      for (const command of [
        'acknowledge',
        'assign',
        'classify',
        'start-investigation',
        'record-investigation',
        'decide',
        'report-to-ivo',
        'add-action',
        'complete-action',
        'follow-up',
        'close',
        'reopen',
      ]) {
        expect(doc.paths[`/api/v1/cases/{id}/${command}`]?.['post']?.responses).toHaveProperty('200');
      }
      expect(doc.paths['/api/v1/cases']!['post']!.responses).toHaveProperty('201');
      expect(doc.paths['/api/v1/public/feedback']!['post']!.responses).toHaveProperty('202');
      expect(doc.paths['/api/v1/public/feedback']!['post']!.responses).toHaveProperty('429');
      expect(doc.components.schemas['ReportCaseDto']!.properties!['type']).toBeDefined();
      expect(doc.components.schemas['ProblemDto']!.properties!['code']).toBeDefined();
      expect(JSON.stringify(doc.components.schemas)).toContain('allvarligt_missforhallande');
      const ui = await api.call('GET', '/api/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger-ui');
    });

    it('keeps health outside the prefix and open', async () => {
      expect((await api.call('GET', '/health/live')).status).toBe(200);
      const ready = await api.call<{ status: string }>('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready' });
      expect((await api.call('GET', '/api/v1/health/live')).status).toBe(404);
    });

    it('exposes Prometheus metrics: requests by route and status, latency, outbox backlog', async () => {
      await api.call('POST', '/api/v1/cases', { token: staff, body: report('deviation', 'solgarden') });
      const response = await api.call('GET', '/metrics', { headers: METRICS_AUTH });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(response.text).toMatch(
        /http_requests_total\{method="POST",route="\/api\/v1\/cases",status="201"\} \d+/,
      );
      expect(response.text).toMatch(
        /http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/v1\/cases",status="201"\}/,
      );
      expect(response.text).toMatch(/^outbox_backlog [1-9]\d*$/m);
      expect(response.text).toContain('kvalitet_api_process_cpu_user_seconds_total');
    });

    it('echoes a caller X-Request-Id, makes one otherwise, and sends security headers', async () => {
      const given = await api.call('GET', '/api/v1/me', {
        token: staff,
        headers: { 'x-request-id': 'test-123' },
      });
      expect(given.headers.get('x-request-id')).toBe('test-123');
      const made = await api.call('GET', '/api/v1/me', {
        token: staff,
        headers: { 'x-request-id': 'inte giltig {}' },
      });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(made.headers.get('x-content-type-options')).toBe('nosniff');
      expect(made.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(made.headers.get('x-powered-by')).toBeNull();
      expect(made.headers.get('etag')).toBeNull();
    });

    it('allows CORS only for CORS_ORIGIN', async () => {
      const allowed = await api.call('OPTIONS', '/api/v1/cases', {
        headers: { origin: 'https://kvalitet.example.se', 'access-control-request-method': 'POST' },
      });
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://kvalitet.example.se');
      const other = await api.call('OPTIONS', '/api/v1/cases', {
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('bad input is 400/413/415 problem+json with Swedish messages, never 500', () => {
    const postCase = (options: { body?: unknown; rawBody?: string; headers?: Record<string, string> }) =>
      api.call('POST', '/api/v1/cases', { token: staff, ...options });

    it('refuses an unknown field', async () => {
      const problem = expectProblem(
        await postCase({ body: { ...report('deviation', 'solgarden'), hemligt: true } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([
        { field: 'hemligt', code: 'UNKNOWN_FIELD', message: 'Fältet hemligt är okänt och får inte skickas.' },
      ]);
      expect(problem.detail).toMatch(/fel/);
    });

    it('refuses a wrong enum value, naming the allowed ones', async () => {
      const problem = expectProblem(
        await postCase({ body: { ...report('deviation', 'solgarden'), type: 'olycka', channel: 'fax' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'type',
            code: 'INVALID_ENUM',
            message: expect.stringContaining(
              'Fältet type måste vara något av: complaint, suggestion, praise, deviation',
            ),
          },
          { field: 'channel', code: 'INVALID_ENUM', message: expect.stringContaining('staff_form') },
        ]),
      );
    });

    it('reports missing, mistyped and nested fields by path', async () => {
      const problem = expectProblem(
        await postCase({
          body: {
            type: 'deviation',
            unitId: 'okand-enhet',
            description: '   ',
            occurredAt: '20 nov',
            onBehalfOf: { contact: 5 },
          },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const byField = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.code]));
      expect(byField).toMatchObject({
        unitId: 'UNKNOWN_UNIT',
        description: 'REQUIRED',
        occurredAt: 'INVALID_FORMAT',
        'onBehalfOf.name': 'REQUIRED',
        'onBehalfOf.contact': 'INVALID_TYPE',
      });
      for (const error of problem.errors ?? []) expect(error.message).toMatch(/^(Fältet|Listan) /);
    });

    it('passes the domain’s own refusals on as field errors (occurredAt required for a deviation)', async () => {
      const problem = expectProblem(
        await postCase({ body: { type: 'deviation', unitId: 'solgarden', description: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.[0]).toMatchObject({ field: 'occurredAt', code: 'OCCURRED_AT_REQUIRED' });
    });

    it('refuses malformed JSON and a body that is not an object', async () => {
      const malformed = expectProblem(
        await postCase({ rawBody: '{"type": "deviation",', headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(malformed.detail).toBe('Begärans JSON går inte att tolka.');
      expectProblem(
        await postCase({ rawBody: '"bara en sträng"', headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await postCase({ rawBody: '[1,2]', headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await postCase({ rawBody: 'null', headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses a huge body with 413 PAYLOAD_TOO_LARGE', async () => {
      const huge = JSON.stringify({
        ...report('deviation', 'solgarden'),
        description: 'x'.repeat(300 * 1024),
      });
      expectProblem(
        await postCase({ rawBody: huge, headers: { 'content-type': 'application/json' } }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('refuses a text over 10,000 characters with 400', async () => {
      const problem = expectProblem(
        await postCase({ body: { ...report('deviation', 'solgarden'), description: 'x'.repeat(10_001) } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([
        {
          field: 'description',
          code: 'TOO_LONG',
          message: 'Fältet description får vara högst 10000 tecken långt.',
        },
      ]);
    });

    it('refuses other media types and charsets with 415', async () => {
      expectProblem(
        await postCase({
          rawBody: 'type=deviation',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectProblem(
        await postCase({
          rawBody: JSON.stringify(report('deviation', 'solgarden')),
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectProblem(
        await postCase({
          rawBody: JSON.stringify(report('deviation', 'solgarden')),
          headers: { 'content-type': 'application/json; charset=latin1' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('refuses a bad UUID in the path with 400 and an unknown one with 404', async () => {
      const bad = expectProblem(
        await api.call('GET', '/api/v1/cases/inte-ett-uuid', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expect(bad.errors?.[0]).toMatchObject({ field: 'id', code: 'INVALID_FORMAT' });
      expectProblem(
        await api.call('POST', '/api/v1/cases/inte-ett-uuid/close', {
          token: kvalitet,
          body: { summary: 'x' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', `/api/v1/cases/${randomUUID()}`, { token: kvalitet }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await api.call('GET', `/api/v1/cases/${randomUUID()}/events`, { token: kvalitet }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases/%E0%A4%A', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses unknown and malformed query parameters', async () => {
      const unknown = expectProblem(
        await api.call('GET', '/api/v1/cases?hemligt=1', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expect(unknown.errors).toEqual([
        { field: 'hemligt', code: 'UNKNOWN_FIELD', message: 'Fältet hemligt är okänt och får inte skickas.' },
      ]);
      const onQueryless = expectProblem(
        await api.call('GET', '/api/v1/me?x=1', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expect(onQueryless.errors?.[0]).toMatchObject({ field: 'x', code: 'UNKNOWN_FIELD' });
      expectProblem(
        await api.call('GET', '/api/v1/cases?pageSize=501', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?page=0', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?page=abc', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?overdue=kanske', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?type=a&type=b', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?from=igår', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers an unknown route with 404 problem+json', async () => {
      expectProblem(await api.call('GET', '/api/v1/finns-inte', { token: kvalitet }), 404, 'NOT_FOUND');
      expectProblem(await api.call('DELETE', '/api/v1/cases', { token: kvalitet }), 404, 'NOT_FOUND');
    });

    it('refuses text the database cannot store (NUL, lone surrogates) with 400, in bodies and queries', async () => {
      const nul = expectProblem(
        await postCase({
          rawBody: '{"type":"praise","unitId":"solgarden","description":"a\\u0000b"}',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(nul.errors).toEqual([
        expect.objectContaining({ field: 'description', code: 'INVALID_CHARACTER' }),
      ]);
      expectProblem(
        await postCase({
          rawBody: '{"type":"praise","unitId":"solgarden","description":"a\\ud800b"}',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('GET', '/api/v1/cases?q=a%00b', { token: kvalitet }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.call('PUT', '/api/v1/policy', {
          token: kvalitet,
          rawBody: '{"deadlines":{"a\\u0000":"P1D"},"escalationChain":["director"]}',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const response = await postCase({
        body: report('deviation', 'solgarden'),
        headers: { 'Idempotency-Key': 'x'.repeat(201) },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });
  });
});
