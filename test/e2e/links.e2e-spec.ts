import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

interface LinkBody {
  caseId: string;
  caseNumber: string;
  relation: string;
  escalatedTo?: string;
  rationale?: string;
}

interface CaseBody {
  id: string;
  caseNumber: string;
  type: string;
  stage: string;
  unitId: string;
  version: number;
  occurredAt: string | null;
  description: string;
  immediateActions: string | null;
  personRef: string | null;
  reporter: { username?: string };
  links: LinkBody[];
  deadlines: { kind: string; status: string }[];
  tasks: { kind: string; status: string }[];
  allowedCommands: string[];
}

/**
 * Linked cases and escalation to lex Sarah / lex Maria (api.md v1.1 `link`; LC-2, LC-4 step 6).
 */
describe('links between cases and escalation of a deviation (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'forvaltningschef',
      'sas',
      'mas',
      'kvalitet',
    ])
      tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = <T = CaseBody>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user], ...(body === undefined ? {} : { body }) });
  const post = (user: string, path: string, body: unknown) => call(user, 'POST', path, body);
  const get = (user: string, id: string) => call(user, 'GET', `/api/v1/cases/${id}`);
  const eventCount = async (id: string) =>
    (await call<unknown[]>('kvalitet', 'GET', `/api/v1/cases/${id}/events`)).body.length;
  const reported = async (type: string, unitId = 'solgarden', extra: Record<string, unknown> = {}) => {
    const created = await post('medarbetare', '/api/v1/cases', report(type, unitId, undefined, extra));
    expect(created.status).toBe(201);
    return created.body;
  };

  it('links both ways: led_to on one side reads led_from on the other; related is symmetric', async () => {
    const a = await reported('deviation');
    const b = await reported('complaint');
    const linked = await post('enhetschef', `/api/v1/cases/${a.id}/link`, {
      caseId: b.id,
      relation: 'led_to',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.links).toEqual([
      expect.objectContaining({
        caseId: b.id,
        caseNumber: b.caseNumber,
        relation: 'led_to',
        by: 'enhetschef',
      }),
    ]);
    expect((await get('enhetschef', b.id)).body.links).toEqual([
      expect.objectContaining({ caseId: a.id, caseNumber: a.caseNumber, relation: 'led_from' }),
    ]);
    const related = await post('enhetschef', `/api/v1/cases/${b.id}/link`, {
      caseId: a.id,
      relation: 'related',
    });
    expect(related.body.links.map((l) => l.relation)).toEqual(['led_from', 'related']);
    expect((await get('enhetschef', a.id)).body.links.map((l) => l.relation)).toEqual(['led_to', 'related']);
    const events = await call<{ type: string; actor: string; data: { by: string; at: string } }[]>(
      'kvalitet',
      'GET',
      `/api/v1/cases/${a.id}/events`,
    );
    const sides = events.body.filter((e) => e.type === 'CaseLinked');
    expect(sides).toHaveLength(2);
    expect(sides[0]).toMatchObject({ actor: 'enhetschef', data: { by: 'enhetschef' } });
    expect(typeof sides[0]!.data.at).toBe('string');
  });

  it('the same link again is 200 and writes nothing on either case', async () => {
    const a = await reported('deviation');
    const b = await reported('deviation');
    await post('enhetschef', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'same_event' });
    const before = [await eventCount(a.id), await eventCount(b.id)];
    const again = await post('enhetschef', `/api/v1/cases/${a.id}/link`, {
      caseId: b.id,
      relation: 'same_event',
    });
    expect(again.status).toBe(200);
    expect(again.body.links).toHaveLength(1);
    // The symmetric relation given from the other side is the same link, too.
    const reverse = await post('enhetschef', `/api/v1/cases/${b.id}/link`, {
      caseId: a.id,
      relation: 'same_event',
    });
    expect(reverse.status).toBe(200);
    expect([await eventCount(a.id), await eventCount(b.id)]).toEqual(before);
  });

  it('links given at the same time from both ends both land (one transaction per link, no deadlock)', async () => {
    const pairs = await Promise.all(
      Array.from(
        { length: 5 },
        async () => [await reported('deviation'), await reported('deviation')] as const,
      ),
    );
    const answers = await Promise.all(
      pairs.flatMap(([a, b]) => [
        post('enhetschef', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'led_to' }),
        post('enhetschef', `/api/v1/cases/${b.id}/link`, { caseId: a.id, relation: 'related' }),
      ]),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    for (const [a, b] of pairs) {
      expect((await get('enhetschef', a.id)).body.links.map((l) => l.relation).sort()).toEqual([
        'led_to',
        'related',
      ]);
      expect((await get('enhetschef', b.id)).body.links.map((l) => l.relation).sort()).toEqual([
        'led_from',
        'related',
      ]);
    }
  });

  it('self is 400, an unseen or missing case is 404, a bad relation is 400; nothing is written', async () => {
    const a = await reported('deviation');
    const version = (await get('enhetschef', a.id)).body.version;
    expectProblem(
      await post('enhetschef', `/api/v1/cases/${a.id}/link`, { caseId: a.id, relation: 'related' }),
      400,
      'VALIDATION_FAILED',
    );
    const elsewhere = await reported('deviation', 'ekbacken');
    const unseen = expectProblem(
      await post('enhetschef', `/api/v1/cases/${a.id}/link`, { caseId: elsewhere.id, relation: 'related' }),
      404,
      'NOT_FOUND',
    );
    const missing = expectProblem(
      await post('enhetschef', `/api/v1/cases/${a.id}/link`, {
        caseId: '00000000-0000-4000-8000-000000000000',
        relation: 'related',
      }),
      404,
      'NOT_FOUND',
    );
    expect(unseen.detail).toBe(missing.detail);
    expectProblem(
      await post('enhetschef', `/api/v1/cases/${a.id}/link`, { caseId: elsewhere.id, relation: 'caused' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await get('enhetschef', a.id)).body.version).toBe(version);
    expect((await get('forvaltningschef', elsewhere.id)).body.links).toEqual([]);
  });

  it('a closed case may be linked', async () => {
    const praise = await reported('praise');
    const closed = await post('enhetschef', `/api/v1/cases/${praise.id}/close`, {
      summary: 'Vidarebefordrat.',
    });
    expect(closed.body.stage).toBe('closed');
    expect(closed.body.allowedCommands).toContain('link');
    const a = await reported('deviation');
    const linked = await post('enhetschef', `/api/v1/cases/${praise.id}/link`, {
      caseId: a.id,
      relation: 'related',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.stage).toBe('closed');
    expect((await get('enhetschef', a.id)).body.links).toEqual([
      expect.objectContaining({ caseId: praise.id, relation: 'related' }),
    ]);
  });

  it('who: staff 403, a manager of another unit 404, the director and sas on a deviation may', async () => {
    const a = await reported('deviation');
    const b = await reported('deviation');
    expectProblem(
      await post('medarbetare', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'related' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post('enhetschef.ekbacken', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'related' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await post('mas', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'related' }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await post('sas', `/api/v1/cases/${a.id}/link`, { caseId: b.id, relation: 'related' })).status,
    ).toBe(200);
    expect(
      (await post('forvaltningschef', `/api/v1/cases/${b.id}/link`, { caseId: a.id, relation: 'led_to' }))
        .status,
    ).toBe(200);
  });

  it('escalation: a deviation leads to a new, linked lex Sarah case with its deadlines; the deviation stays', async () => {
    const deviation = await reported('deviation', 'solgarden', {
      immediateActions: 'Brukaren flyttades till ett annat rum.',
      personRef: 'Brukare K.L.',
    });
    const before = await get('enhetschef', deviation.id);
    expectProblem(
      await post('medarbetare', `/api/v1/cases/${deviation.id}/escalate`, {
        toType: 'lex_sarah',
        rationale: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post('enhetschef', `/api/v1/cases/${deviation.id}/escalate`, {
        toType: 'lex_maria',
        rationale: 'x',
      }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await post('enhetschef', `/api/v1/cases/${deviation.id}/escalate`, {
        toType: 'lex_sarah',
        rationale: ' ',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const escalated = await api.call<CaseBody>('POST', `/api/v1/cases/${deviation.id}/escalate`, {
      token: tokens['enhetschef'],
      body: { toType: 'lex_sarah', rationale: 'Risk för allvarligt missförhållande.' },
      headers: { 'idempotency-key': `escalate-${deviation.id}` },
    });
    expect(escalated.status).toBe(201);
    const lexSarah = escalated.body;
    expect(escalated.headers.get('location')).toBe(`/api/v1/cases/${lexSarah.id}`);
    expect(lexSarah).toMatchObject({
      type: 'lex_sarah',
      unitId: 'solgarden',
      stage: 'reported',
      occurredAt: before.body.occurredAt,
      description: before.body.description,
      immediateActions: 'Brukaren flyttades till ett annat rum.',
      reporter: expect.objectContaining({ username: 'enhetschef' }),
      links: [
        expect.objectContaining({
          caseId: deviation.id,
          caseNumber: deviation.caseNumber,
          relation: 'led_from',
          rationale: 'Risk för allvarligt missförhållande.',
        }),
      ],
    });
    expect(lexSarah.caseNumber).toMatch(/^LS-\d{4}-\d{4,}$/);
    // The report path wrote its deadlines and tasks (ADR 0021).
    expect(lexSarah.deadlines.map((d) => d.kind).sort()).toEqual(
      expect.arrayContaining(['lex_sarah_first_response', 'lex_sarah_investigation']),
    );
    expect(lexSarah.tasks.length).toBeGreaterThan(0);
    // The person reference is copied as the new case's own data: the director reads it in full.
    expect((await get('forvaltningschef', lexSarah.id)).body.personRef).toBe('Brukare K.L.');

    const after = (await get('enhetschef', deviation.id)).body;
    expect(after).toMatchObject({
      type: 'deviation',
      stage: before.body.stage,
      version: before.body.version + 1,
    });
    expect(after.links).toEqual([
      expect.objectContaining({
        caseId: lexSarah.id,
        caseNumber: lexSarah.caseNumber,
        relation: 'led_to',
        escalatedTo: 'lex_sarah',
        rationale: 'Risk för allvarligt missförhållande.',
      }),
    ]);

    // The same Idempotency-Key answers with the same case and writes nothing more.
    const replay = await api.call<CaseBody>('POST', `/api/v1/cases/${deviation.id}/escalate`, {
      token: tokens['enhetschef'],
      body: { toType: 'lex_sarah', rationale: 'Risk för allvarligt missförhållande.' },
      headers: { 'idempotency-key': `escalate-${deviation.id}` },
    });
    expect(replay.body.id).toBe(lexSarah.id);
    expect((await get('enhetschef', deviation.id)).body.version).toBe(after.version);
    // Another escalation of the same deviation (a second manager) would be a duplicate: 409.
    const again = expectProblem(
      await post('forvaltningschef', `/api/v1/cases/${deviation.id}/escalate`, {
        toType: 'lex_sarah',
        rationale: 'Samma händelse.',
      }),
      409,
      'INVALID_TRANSITION',
    );
    expect(again.detail).toContain(lexSarah.caseNumber);
    expect((await get('enhetschef', deviation.id)).body.version).toBe(after.version);
  });

  it('escalation: an HSL deviation goes to lex Maria by mas; sas may not escalate it', async () => {
    const hsl = await reported('hsl_deviation');
    expectProblem(
      await post('sas', `/api/v1/cases/${hsl.id}/escalate`, { toType: 'lex_maria', rationale: 'x' }),
      403,
      'FORBIDDEN',
    );
    const escalated = await post('mas', `/api/v1/cases/${hsl.id}/escalate`, {
      toType: 'lex_maria',
      rationale: 'Vårdskada kan ha uppstått.',
    });
    expect(escalated.status).toBe(201);
    expect(escalated.body).toMatchObject({
      type: 'lex_maria',
      links: [expect.objectContaining({ relation: 'led_from' })],
    });
    expect((await get('mas', hsl.id)).body.links).toEqual([
      expect.objectContaining({ caseId: escalated.body.id, relation: 'led_to', escalatedTo: 'lex_maria' }),
    ]);
  });
});
