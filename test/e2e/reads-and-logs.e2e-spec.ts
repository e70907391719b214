import { pdfText } from '../../libs/reporting/test/pdf-text';
import { waitUntil } from '../support/app-process';
import { expectProblem, startApi, type ApiResponse, type TestApi } from './support/api-harness';
import { report, stockholmDateDaysAgo } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * Issue 24, "Reads" and the smaller findings of the security review of 2026-12-07 (H-2, L-3, L-4,
 * L-5), each replayed against the real api: the case list carries no free text and no names, a
 * search is in the access log with its query, the request log holds no query string, personal data
 * is answered with `Cache-Control: no-store`, the IVO anmälan is a download that says what it holds,
 * and `personRef` is a checked personnummer shown masked except to those who need it.
 */

const PLANTED = 'Planterad-7f3c text om Anna Andersson';
/** Typed into the free text (issue 21 keeps that apart): the list and the logs must not show it. */
const IN_DESCRIPTION = '19450312-1230';
/** The case's `personRef`. */
const PERSONNUMMER = '19121212-1212';
const MASKED = '19121212-****';

interface ListBody {
  items: Record<string, unknown>[];
  total: number;
}

interface AccessLogBody {
  items: {
    username: string;
    kind: string;
    caseId: string | null;
    action: string;
    route: string;
    requestId: string | null;
    query: string | null;
    hits: number | null;
  }[];
  total: number;
}

interface CaseBody {
  id: string;
  caseNumber: string;
  personRef: string | null;
  [key: string]: unknown;
}

describe('reads, searches and logs (issue 24, e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let planted: CaseBody;

  beforeAll(async () => {
    // LOG_LEVEL=info: the request log lines are printed, so the test reads what api.log would hold.
    api = await startApi({ LOG_LEVEL: 'info' });
    for (const user of ['medarbetare', 'enhetschef', 'sas', 'mas', 'forvaltningschef', 'kvalitet'])
      t[user] = await api.token(user);
    const created = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('lex_sarah', 'solgarden', `${PLANTED}, ${IN_DESCRIPTION}`, {
        immediateActions: 'Planterad-7f3c åtgärd för Anna Andersson',
        onBehalfOf: { name: 'Planterad-7f3c Karin Andersson', contact: '070-000 00 00' },
        personRef: PERSONNUMMER,
      }),
    });
    expect(created.status).toBe(201);
    planted = created.body;
    await syncReadModels(api.db.dataSource, api.store);
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = <T>(user: string, path: string) => api.call<T>('GET', path, { token: t[user] });
  const post = <T = CaseBody>(user: string, path: string, body: unknown) =>
    api.call<T>('POST', path, { token: t[user], body });

  /** The request log line of one answer (by its X-Request-Id), as the api printed it. */
  async function requestLogLine(response: ApiResponse): Promise<Record<string, unknown>> {
    const id = response.headers.get('x-request-id')!;
    let line: Record<string, unknown> | undefined;
    await waitUntil(
      async () => {
        line = api.process.text
          .split('\n')
          .filter((l) => l.includes(id) && l.includes('request completed'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)[0];
        return line !== undefined;
      },
      10_000,
      `loggraden för ${id}`,
    );
    return line!;
  }

  describe('H-2: the case list carries no free text and no names; searches are logged', () => {
    it('a search by the free text still finds the case, but the answer holds none of it', async () => {
      const response = await get<ListBody>(
        'kvalitet',
        `/api/v1/cases?q=${encodeURIComponent('Planterad-7f3c')}&pageSize=500`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.map((i) => i['id'])).toEqual([planted.id]);
      const item = response.body.items[0]!;
      for (const field of [
        'description',
        'immediateActions',
        'onBehalfOf',
        'personRef',
        'reporter',
        'contact',
      ])
        expect(item).not.toHaveProperty(field);
      expect(item).toMatchObject({
        caseNumber: planted.caseNumber,
        type: 'lex_sarah',
        unitId: 'solgarden',
        stage: 'reported',
        reportedAt: expect.any(String),
        overdue: expect.any(Boolean),
        missedDeadlines: expect.any(Number),
      });
      for (const secret of ['Planterad', 'Anna', 'Karin', '070-000', '19450312', '19121212', '1212121212'])
        expect(response.text).not.toContain(secret);
      const all = await get<ListBody>('sas', '/api/v1/cases?pageSize=500');
      expect(all.text).not.toContain('Planterad');
      expect(all.text).not.toContain('19450312');
      expect(all.text).not.toContain('19121212');
    });

    it('every search with q is in the access log with caller, time, query and hits; kvalitet reads it', async () => {
      const byNumber = await get<ListBody>(
        'enhetschef',
        `/api/v1/cases?q=${encodeURIComponent(IN_DESCRIPTION)}`,
      );
      expect(byNumber.status).toBe(200);
      expect(byNumber.body.total).toBe(1);
      const nothing = await get<ListBody>('sas', `/api/v1/cases?q=${encodeURIComponent('Ingen träff 3b9e')}`);
      expect(nothing.body.total).toBe(0);
      const unfiltered = await get<ListBody>('sas', '/api/v1/cases?q=%20%20');
      expect(unfiltered.status).toBe(200);

      const log = await get<AccessLogBody>('kvalitet', '/api/v1/audit/access-log?kind=search&pageSize=500');
      expect(log.status).toBe(200);
      const searches = log.body.items.map(({ username, query, hits, caseId, action, route, requestId }) => ({
        username,
        query,
        hits,
        caseId,
        action,
        route,
        requestId,
      }));
      expect(searches).toEqual([
        {
          username: 'sas',
          query: 'Ingen träff 3b9e',
          hits: 0,
          caseId: null,
          action: 'search_cases',
          route: 'GET /api/v1/cases',
          requestId: nothing.headers.get('x-request-id'),
        },
        {
          username: 'enhetschef',
          query: IN_DESCRIPTION,
          hits: 1,
          caseId: null,
          action: 'search_cases',
          route: 'GET /api/v1/cases',
          requestId: byNumber.headers.get('x-request-id'),
        },
        {
          username: 'kvalitet',
          query: 'Planterad-7f3c',
          hits: 1,
          caseId: null,
          action: 'search_cases',
          route: 'GET /api/v1/cases',
          requestId: expect.any(String),
        },
      ]);
      expect(log.body.items.every((i) => i.kind === 'search')).toBe(true);

      // a list without q is not a search, and reads of a case are kind "read"
      const reads = await get<AccessLogBody>('kvalitet', '/api/v1/audit/access-log?kind=read&pageSize=500');
      expect(reads.body.items.every((i) => i.kind === 'read' && i.caseId !== null && i.query === null)).toBe(
        true,
      );
      const byUser = await get<AccessLogBody>(
        'kvalitet',
        '/api/v1/audit/access-log?username=enhetschef&kind=search',
      );
      expect(byUser.body.items.map((i) => i.query)).toEqual([IN_DESCRIPTION]);
      expectProblem(await get('kvalitet', '/api/v1/audit/access-log?kind=annat'), 400, 'VALIDATION_FAILED');
      expectProblem(await get('sas', '/api/v1/audit/access-log?kind=search'), 403, 'FORBIDDEN');
    });
  });

  describe('L-4: the request log never holds a query string', () => {
    it('a search by personnummer is logged with its path and route pattern only', async () => {
      const search = await get<ListBody>(
        'sas',
        `/api/v1/cases?q=${encodeURIComponent('19450312')}&pageSize=500`,
      );
      expect(search.status).toBe(200);
      const line = await requestLogLine(search);
      expect(line).toMatchObject({
        method: 'GET',
        url: '/api/v1/cases',
        route: '/api/v1/cases',
        statusCode: 200,
        user: 'sas',
      });
      expect(JSON.stringify(line)).not.toMatch(/19450312|q=|pageSize/);
      const refused = await get('sas', `/api/v1/cases?q=${encodeURIComponent('Anna Andersson')}&okand=1`);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await requestLogLine(refused))).not.toMatch(/Anna|okand|\?/);
      // nothing the api printed in the whole run holds a searched personnummer or planted text
      expect(api.process.text).not.toMatch(/[?&]q=|19450312|19121212|Planterad/);
    });
  });

  describe('L-5: Cache-Control: no-store on every answer with personal data', () => {
    it('case, list, events, tasks, access log, a 404 and the IVO route are no-store; the OpenAPI document is not', async () => {
      const answers = {
        case: await get('sas', `/api/v1/cases/${planted.id}`),
        list: await get('sas', '/api/v1/cases'),
        events: await get('sas', `/api/v1/cases/${planted.id}/events`),
        tasks: await get('enhetschef', '/api/v1/tasks'),
        accessLog: await get('kvalitet', '/api/v1/audit/access-log'),
        notFound: await get('sas', '/api/v1/cases/00000000-0000-4000-8000-000000000000'),
        ivoRefused: await get('sas', `/api/v1/cases/${planted.id}/ivo-anmalan`),
        report: await api.call('POST', '/api/v1/cases', {
          token: t['medarbetare'],
          body: report('deviation', 'solgarden'),
        }),
      };
      expect(
        Object.fromEntries(
          Object.entries(answers).map(([k, r]) => [k, [r.status, r.headers.get('cache-control')]]),
        ),
      ).toEqual({
        case: [200, 'no-store'],
        list: [200, 'no-store'],
        events: [200, 'no-store'],
        tasks: [200, 'no-store'],
        accessLog: [200, 'no-store'],
        notFound: [404, 'no-store'],
        ivoRefused: [409, 'no-store'],
        report: [201, 'no-store'],
      });
      const openapi = await api.call('GET', '/api/v1/openapi.json');
      expect(openapi.status).toBe(200);
      expect(openapi.headers.get('cache-control')).toBeNull();
    });
  });

  describe('L-3: personRef is a checked personnummer, masked except on the case for those who need it', () => {
    it('an identity number that does not exist, or one inside a pseudonym, is 400 naming personRef; nothing is written', async () => {
      await syncReadModels(api.db.dataSource, api.store);
      const before = await get<ListBody>('kvalitet', '/api/v1/cases?pageSize=1');
      for (const [personRef, message] of [
        ['19121212-1213', /kontrollsiffran/],
        ['19121312-1212', /datumet finns inte/],
        ['19121292-1212', /datumet finns inte/],
        ['Anna 19121212-1212', /pseudonym utan personnummer/],
      ] as const) {
        const refused = await post(
          'medarbetare',
          '/api/v1/cases',
          report('deviation', 'solgarden', 'x', { personRef }),
        );
        const problem = expectProblem(refused, 400, 'VALIDATION_FAILED');
        expect(problem.errors).toEqual([
          { field: 'personRef', code: 'INVALID_PERSONNUMMER', message: expect.stringMatching(message) },
        ]);
        expect(problem.errors![0]!.message).toMatch(/^Fältet personRef /);
      }
      await syncReadModels(api.db.dataSource, api.store);
      const after = await get<ListBody>('kvalitet', '/api/v1/cases?pageSize=1');
      expect(after.body.total).toBe(before.body.total);
    });

    it('a valid one is stored normalised and masked in the report answer, the events and for those who do not need it', async () => {
      expect(planted.personRef).toBe(MASKED);
      const seen: Record<string, unknown> = {};
      for (const user of ['medarbetare', 'enhetschef', 'kvalitet', 'sas', 'mas', 'forvaltningschef'])
        seen[user] = (await get<CaseBody>(user, `/api/v1/cases/${planted.id}`)).body.personRef;
      expect(seen).toEqual({
        medarbetare: MASKED,
        enhetschef: MASKED,
        kvalitet: MASKED,
        sas: PERSONNUMMER,
        mas: PERSONNUMMER,
        forvaltningschef: PERSONNUMMER,
      });
      const events = await get<{ type: string; data: Record<string, unknown> }[]>(
        'sas',
        `/api/v1/cases/${planted.id}/events`,
      );
      expect(events.body.find((e) => e.type === 'CaseReported')!.data['personRef']).toBe(MASKED);
      expect(events.text).not.toContain(PERSONNUMMER);

      // a ten-digit number is stored with its century; the assignee reads it in full
      const short = await post(
        'medarbetare',
        '/api/v1/cases',
        report('deviation', 'solgarden', 'kort nummer', { personRef: '121212-1212' }),
      );
      expect(short.body.personRef).toBe('20121212-****');
      expect((await get<CaseBody>('enhetschef', `/api/v1/cases/${short.body.id}`)).body.personRef).toBe(
        '20121212-****',
      );
      const assigned = await post('enhetschef', `/api/v1/cases/${short.body.id}/assign`, {
        assignee: 'enhetschef',
      });
      expect(assigned.body.personRef).toBe('20121212-1212');
      expect((await get<CaseBody>('enhetschef', `/api/v1/cases/${short.body.id}`)).body.personRef).toBe(
        '20121212-1212',
      );
      // a pseudonym is kept as written
      const pseudonym = await post(
        'medarbetare',
        '/api/v1/cases',
        report('deviation', 'solgarden', 'pseudonym', { personRef: 'Brukare B' }),
      );
      expect(pseudonym.body.personRef).toBe('Brukare B');

      // every full read stays in the access log
      const log = await get<AccessLogBody>(
        'kvalitet',
        `/api/v1/audit/access-log?caseId=${planted.id}&kind=read&pageSize=500`,
      );
      expect(
        log.body.items
          .filter((i) => i.action === 'read_case')
          .map((i) => i.username)
          .sort(),
      ).toEqual(expect.arrayContaining(['forvaltningschef', 'mas', 'sas']));
    });
  });

  describe('L-3, L-5: the IVO anmälan', () => {
    let id: string;

    beforeAll(async () => {
      id = planted.id;
      const path = (command: string) => `/api/v1/cases/${id}/${command}`;
      const steps: [string, string, unknown][] = [
        ['enhetschef', 'acknowledge', {}],
        ['enhetschef', 'assign', { assignee: 'sas' }],
        ['sas', 'start-investigation', {}],
        ['sas', 'record-investigation', { summary: 'Planterad-7f3c utredning', causes: ['Bemanning'] }],
        [
          'forvaltningschef',
          'decide',
          { outcome: 'allvarligt_missforhallande', rationale: 'Allvarlig fara' },
        ],
      ];
      for (const [user, command, body] of steps) {
        const answer = await post(user, path(command), body);
        if (answer.status !== 200) throw new Error(`${command}: ${answer.status} ${answer.text}`);
      }
    });

    async function download(accept: string) {
      const response = await fetch(`${api.baseUrl}/api/v1/cases/${id}/ivo-anmalan`, {
        headers: { authorization: `Bearer ${t['sas']}`, accept },
      });
      return { response, body: Buffer.from(await response.arrayBuffer()) };
    }

    it('is an attachment with no-store in every format', async () => {
      for (const [accept, extension] of [
        ['application/pdf', 'pdf'],
        ['text/html', 'html'],
        ['application/json', 'json'],
      ] as const) {
        const { response } = await download(accept);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toBe(
          `attachment; filename="ivo-anmalan-${planted.caseNumber}.${extension}"`,
        );
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });

    it('says that it holds personal data under secrecy, and shows personRef masked', async () => {
      const json = JSON.parse((await download('application/json')).body.toString('utf8')) as {
        personRef: string;
      };
      expect(json.personRef).toBe(MASKED);
      const html = (await download('text/html')).body.toString('utf8');
      const pdf = pdfText((await download('application/pdf')).body).text;
      for (const text of [html, pdf]) {
        expect(text).not.toMatch(/Innehåller inga namn, personnummer/);
        expect(text).toMatch(/Innehåller personuppgifter/);
        expect(text).toMatch(/26 kap\. 1 § offentlighets- och sekretesslagen/);
        expect(text).toContain(MASKED);
        expect(text).not.toContain(PERSONNUMMER);
        expect(text).not.toContain('191212121212');
      }
      expect(JSON.stringify(json)).not.toContain(PERSONNUMMER);
    });

    it('is still reported to IVO afterwards (the download changed nothing)', async () => {
      const ivo = await post('sas', `/api/v1/cases/${id}/report-to-ivo`, {
        ivoReference: 'IVO 3.5.1-24/2026',
        reportedAt: stockholmDateDaysAgo(0),
      });
      expect(ivo.status).toBe(200);
    });
  });
});
