import { randomUUID } from 'node:crypto';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface CaseBody {
  id: string;
  caseNumber: string;
  stage: string;
  description: string | null;
  immediateActions: string | null;
  onBehalfOf: { name: string } | null;
  personRef: string | null;
  protectedIdentity: boolean;
  personalDataWithheld: boolean;
  reasonRequired: boolean;
  allowedCommands: string[];
}

interface AccessLogBody {
  items: {
    username: string;
    name: string | null;
    kind: string;
    action: string;
    reason: string | null;
    at: string;
  }[];
  total: number;
}

/**
 * Skyddade personuppgifter (DATA-2, DATA-5; issue 19, ADR 0029): on a protected case the free text
 * and names reach only the assignee, sas/mas on their types and the unit manager of the case's unit,
 * and only with a reason, which the access log keeps; everyone else who sees the case sees it without
 * them, and no list, task, digest or mail carries them. Each case carries a needle of its own, so a
 * search of an answer's text finds it wherever it leaks.
 */
describe('protected identity: free text for a few, with a reason (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const USERS = [
    'medarbetare',
    'enhetschef',
    'enhetschef.ekbacken',
    'avdelningschef',
    'forvaltningschef',
    'sas',
    'mas',
    'kvalitet',
    'dataskydd',
    'ledning',
  ];

  beforeAll(async () => {
    api = await startApi();
    for (const user of USERS) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = <T>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user], ...(body === undefined ? {} : { body }) });
  const needle = () => `NÅL${randomUUID().slice(0, 8)}`;

  /** A protected lex Sarah report from Solgården whose every text field carries `mark`. */
  const protectedCase = async (mark: string): Promise<CaseBody> => {
    const created = await call<CaseBody>(
      'medarbetare',
      'POST',
      '/api/v1/cases',
      report('lex_sarah', 'solgarden', `Brukaren ${mark} blev illa behandlad`, {
        immediateActions: `Samtal med ${mark}`,
        onBehalfOf: { name: `Anhörig ${mark}` },
        personRef: `pseudonym-${mark}`,
        protectedIdentity: true,
      }),
    );
    expect(created.status).toBe(201);
    return created.body;
  };

  const read = (user: string, id: string, reason?: string) =>
    call<CaseBody>(
      user,
      'GET',
      `/api/v1/cases/${id}${reason === undefined ? '' : `?reason=${encodeURIComponent(reason)}`}`,
    );

  it('the report answer itself carries no text; the case says protectedIdentity', async () => {
    const mark = needle();
    const created = await protectedCase(mark);
    expect(created.protectedIdentity).toBe(true);
    expect(created.personalDataWithheld).toBe(true);
    expect(JSON.stringify(created)).not.toContain(mark);
  });

  it.each([
    // [user, may read the text with a reason]
    ['enhetschef', true],
    ['sas', true],
    ['medarbetare', false],
    ['avdelningschef', false],
    ['forvaltningschef', false],
    ['kvalitet', false],
    ['mas', false],
  ] as const)('%s: text with a reason = %s, never without one', async (user, allowed) => {
    const mark = needle();
    const { id } = await protectedCase(mark);

    const plain = await read(user, id);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toMatch(/no-store/);
    expect(plain.body).toMatchObject({
      protectedIdentity: true,
      personalDataWithheld: true,
      reasonRequired: allowed,
      description: null,
      immediateActions: null,
      onBehalfOf: null,
      personRef: null,
    });
    expect(plain.text).not.toContain(mark);

    const withReason = await read(user, id, 'Utredning enligt uppdrag från förvaltningschefen');
    expect(withReason.status).toBe(200);
    if (allowed) {
      expect(withReason.body.personalDataWithheld).toBe(false);
      expect(withReason.body.reasonRequired).toBe(false);
      expect(withReason.body.description).toContain(mark);
      expect(withReason.body.onBehalfOf?.name).toContain(mark);
    } else {
      expect(withReason.body.personalDataWithheld).toBe(true);
      expect(withReason.text).not.toContain(mark);
    }

    const events = await call<unknown[]>(user, 'GET', `/api/v1/cases/${id}/events`);
    expect(events.status).toBe(200);
    expect(events.text).not.toContain(mark);
  });

  it('the assignee reads the text with a reason; dataskydd and ledning do not see the case at all', async () => {
    const mark = needle();
    const { id } = await protectedCase(mark);
    const assigned = await call<CaseBody>('sas', 'POST', `/api/v1/cases/${id}/assign`, {
      assignee: 'enhetschef.ekbacken',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.text).not.toContain(mark);
    const read1 = await read('enhetschef.ekbacken', id, 'Jag utreder ärendet');
    expect(read1.body.description).toContain(mark);
    expect((await read('dataskydd', id)).status).toBe(404);
    expect((await read('ledning', id)).status).toBe(403);
  });

  it('a reason of 3..500 characters, else 400 naming the field; nothing is logged', async () => {
    const { id } = await protectedCase(needle());
    const short = await read('enhetschef', id, ' a ');
    const problem = expectProblem(short, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(problem)).toMatch(/reason/);
    expectProblem(await read('enhetschef', id, 'x'.repeat(501)), 400, 'VALIDATION_FAILED');
    const log = await call<AccessLogBody>('kvalitet', 'GET', `/api/v1/cases/${id}/access-log`);
    expect(log.body.items).toEqual([]);
  });

  it('the access log of the case shows who, when, what and why — for kvalitet, dataskydd and sas here', async () => {
    const { id } = await protectedCase(needle());
    await read('enhetschef', id);
    await read('enhetschef', id, 'Uppföljning av åtgärd');
    await read('kvalitet', id);

    const log = await call<AccessLogBody>('kvalitet', 'GET', `/api/v1/cases/${id}/access-log`);
    expect(log.status).toBe(200);
    expect(log.headers.get('cache-control')).toMatch(/no-store/);
    expect(log.body.total).toBe(3);
    expect(log.body.items.map((i) => [i.username, i.name, i.action, i.reason])).toEqual([
      ['kvalitet', 'Anders Ek', 'read_case', null],
      ['enhetschef', 'Johan Berg', 'read_case', 'Uppföljning av åtgärd'],
      ['enhetschef', 'Johan Berg', 'read_case', null],
    ]);
    for (const user of ['dataskydd', 'sas'])
      expect((await call<AccessLogBody>(user, 'GET', `/api/v1/cases/${id}/access-log`)).status).toBe(200);
    // mas sees the case (board-wide) but lex Sarah is not its type; the unit manager reviews no logs.
    expectProblem(await call('mas', 'GET', `/api/v1/cases/${id}/access-log`), 403, 'FORBIDDEN');
    expectProblem(await call('enhetschef', 'GET', `/api/v1/cases/${id}/access-log`), 403, 'FORBIDDEN');
    expectProblem(
      await call('kvalitet', 'GET', `/api/v1/cases/${randomUUID()}/access-log`),
      404,
      'NOT_FOUND',
    );
    // The board-wide log carries the reason too.
    const all = await call<AccessLogBody>('kvalitet', 'GET', `/api/v1/audit/access-log?caseId=${id}`);
    expect(all.body.items.map((i) => i.reason)).toContain('Uppföljning av åtgärd');
  });

  it('mark and unmark: the handlers, with a reason, also on a closed case; twice is 409; staff 403', async () => {
    const mark = needle();
    const created = await call<CaseBody>(
      'medarbetare',
      'POST',
      '/api/v1/cases',
      report('praise', 'solgarden', `Beröm från ${mark}`),
    );
    const { id } = created.body;
    expect(created.body.protectedIdentity).toBe(false);
    expect((await read('kvalitet', id)).body.description).toContain(mark);

    expectProblem(
      await call('medarbetare', 'POST', `/api/v1/cases/${id}/mark-protected-identity`, { reason: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('kvalitet', 'POST', `/api/v1/cases/${id}/mark-protected-identity`, {}),
      400,
      'VALIDATION_FAILED',
    );
    const marked = await call<CaseBody>('kvalitet', 'POST', `/api/v1/cases/${id}/mark-protected-identity`, {
      reason: 'Skatteverket: sekretessmarkering',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ protectedIdentity: true, personalDataWithheld: true });
    expect(marked.text).not.toContain(mark);
    expect(marked.body.allowedCommands).toContain('unmark-protected-identity');
    expectProblem(
      await call('kvalitet', 'POST', `/api/v1/cases/${id}/mark-protected-identity`, { reason: 'igen' }),
      409,
      'INVALID_TRANSITION',
    );
    expect((await read('kvalitet', id)).text).not.toContain(mark);

    const closed = await call('enhetschef', 'POST', `/api/v1/cases/${id}/close`, { summary: 'Avslutat' });
    expect(closed.status).toBe(200);
    const unmarked = await call<CaseBody>(
      'enhetschef',
      'POST',
      `/api/v1/cases/${id}/unmark-protected-identity`,
      { reason: 'Markeringen har upphört' },
    );
    expect(unmarked.status).toBe(200);
    expect(unmarked.body.protectedIdentity).toBe(false);
    expect((await read('kvalitet', id)).body.description).toContain(mark);
  });

  it('the citizen form takes the checkbox', async () => {
    const mark = needle();
    const sent = await api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body: { message: `Jag, ${mark}, är missnöjd`, name: `Medborgare ${mark}`, protectedIdentity: true },
    });
    expect(sent.status).toBe(202);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await call<{ items: { id: string; caseNumber: string; protectedIdentity: boolean }[] }>(
      'kvalitet',
      'GET',
      '/api/v1/cases?pageSize=200',
    );
    const item = list.body.items.find((i) => i.caseNumber === sent.body.reference)!;
    expect(item.protectedIdentity).toBe(true);
    const view = await read('kvalitet', item.id);
    expect(view.body.protectedIdentity).toBe(true);
    expect(view.text).not.toContain(mark);
  });

  it('lists, searches, tasks, the digest and mail carry none of it', async () => {
    const mark = needle();
    const { id, caseNumber } = await protectedCase(mark);
    await syncReadModels(api.db.dataSource, api.store);

    for (const user of ['enhetschef', 'sas', 'kvalitet', 'forvaltningschef']) {
      const list = await call<{ items: { id: string; protectedIdentity: boolean }[] }>(
        user,
        'GET',
        '/api/v1/cases?pageSize=200',
      );
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(mark);
      expect(list.body.items.find((i) => i.id === id)?.protectedIdentity).toBe(true);
      const tasks = await call<{ items: { caseId: string; protectedIdentity: boolean }[] }>(
        'enhetschef',
        'GET',
        '/api/v1/tasks',
      );
      expect(tasks.text).not.toContain(mark);
      expect(tasks.body.items.find((t) => t.caseId === id)?.protectedIdentity).toBe(true);
    }
    // A search by the text finds nothing (a hit would tell what the case is about); by number it does.
    const byText = await call<{ total: number }>('sas', 'GET', `/api/v1/cases?q=${encodeURIComponent(mark)}`);
    expect(byText.body.total).toBe(0);
    const byNumber = await call<{ items: { id: string }[] }>('sas', 'GET', `/api/v1/cases?q=${caseNumber}`);
    expect(byNumber.body.items.map((i) => i.id)).toEqual([id]);

    for (const path of [
      '/api/v1/reports/weekly-digest',
      '/api/v1/reports/statistics',
      '/api/v1/notifications/mail',
      '/api/v1/notifications/in-app',
    ]) {
      const answer = await call('kvalitet', 'GET', path);
      expect(answer.text).not.toContain(mark);
    }
  });

  it('an escalation carries the protection to the new lex Sarah case', async () => {
    const mark = needle();
    const created = await call<CaseBody>(
      'medarbetare',
      'POST',
      '/api/v1/cases',
      report('deviation', 'solgarden', `Avvikelse om ${mark}`),
    );
    const { id } = created.body;
    expect(
      (
        await call('enhetschef', 'POST', `/api/v1/cases/${id}/mark-protected-identity`, {
          reason: 'Sekretessmarkering känd',
        })
      ).status,
    ).toBe(200);
    const escalated = await call<CaseBody>('enhetschef', 'POST', `/api/v1/cases/${id}/escalate`, {
      toType: 'lex_sarah',
      rationale: 'Allvarligt',
    });
    expect(escalated.status).toBe(201);
    expect(escalated.body.id).not.toBe(id);
    expect(escalated.body.protectedIdentity).toBe(true);
    expect(escalated.text).not.toContain(mark);
    const fromKvalitet = await read('kvalitet', escalated.body.id);
    expect(fromKvalitet.body.personalDataWithheld).toBe(true);
    expect(fromKvalitet.text).not.toContain(mark);
    expect((await read('sas', escalated.body.id, 'Lex Sarah-utredning')).body.description).toContain(mark);
  });

  it('the IVO underlag of a protected case: 403 for the director, a reason for sas, logged', async () => {
    const mark = needle();
    const { id } = await protectedCase(mark);
    const path = (command: string) => `/api/v1/cases/${id}/${command}`;
    const steps: [string, string, unknown][] = [
      ['enhetschef', 'acknowledge', {}],
      ['enhetschef', 'assign', { assignee: 'sas' }],
      ['sas', 'start-investigation', {}],
      ['sas', 'record-investigation', { summary: `Utredning om ${mark}`, causes: ['Bemanning'] }],
      ['forvaltningschef', 'decide', { outcome: 'allvarligt_missforhallande', rationale: 'Allvarlig fara' }],
    ];
    for (const [user, command, body] of steps) {
      const answer = await call(user, 'POST', path(command), body);
      if (answer.status !== 200) throw new Error(`${command}: ${answer.status} ${answer.text}`);
      expect(answer.text).not.toContain(mark);
    }
    const director = await call('forvaltningschef', 'GET', path('ivo-anmalan'));
    expectProblem(director, 403, 'FORBIDDEN');
    expect(director.text).not.toContain(mark);
    const noReason = expectProblem(await call('sas', 'GET', path('ivo-anmalan')), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(noReason)).toMatch(/reason/);
    const withReason = await call(
      'sas',
      'GET',
      `${path('ivo-anmalan')}?reason=${encodeURIComponent('Anmälan till IVO')}`,
    );
    expect(withReason.status).toBe(200);
    expect(withReason.text).toContain(mark);
    const log = await call<AccessLogBody>('kvalitet', 'GET', path('access-log'));
    expect(log.body.items.map((i) => i.reason)).toContain('Anmälan till IVO');
  });

  it('the access log of another board’s case is 404, as the case is (DATA-3)', async () => {
    const other = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: await api.token('medarbetare.linden'),
      body: report('deviation', 'linden', 'Händelse på Linden', { protectedIdentity: true }),
    });
    expect(other.status).toBe(201);
    for (const user of ['kvalitet', 'dataskydd', 'sas'])
      expectProblem(await call(user, 'GET', `/api/v1/cases/${other.body.id}/access-log`), 404, 'NOT_FOUND');
  });
});
