import { DEFAULT_DEADLINE_POLICY, formatIsoWeek, isoWeekOf } from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { CaseCommandService } from '@kvalitet/persistence';
import { pdfText } from '../../libs/reporting/test/pdf-text';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { createCaseNoticeDelivery } from '../../apps/worker/src/activities/case-notice-delivery';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * Issue 21, "Personnummer" (DATA-2): a personnummer typed into a report's free text is warned about
 * when it is sent, shown in full on the case to those who may read it, and masked (`ÅÅMMDD-XXXX`)
 * everywhere the text leaves the case — the case list and its search, mail, the IVO anmälan in every
 * format, the case summary PDF and the weekly digest.
 */

const PNR = '19121212-1212';
const SAMORDNING = '701063-2391';
/** Every way the two numbers could leak: as written, as stored, digits only. */
const LEAKS = [PNR, '191212121212', '121212-1212', '1212121212', SAMORDNING, '7010632391', '19701063-2391'];
const MASK = 'ÅÅMMDD-XXXX';

interface CaseBody {
  id: string;
  caseNumber: string;
  description: string | null;
  immediateActions: string | null;
  warnings?: { code: string; fields: string[]; message: string }[];
}

function expectNoFullNumber(text: string): void {
  for (const leak of LEAKS) expect(text).not.toContain(leak);
}

describe('personnummer in free text: warned, full on the case, masked everywhere else (issue 21, e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let lexSarah: CaseBody;

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'sas', 'forvaltningschef', 'kvalitet', 'ledning'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = <T = CaseBody>(user: string, path: string) => api.call<T>('GET', path, { token: t[user] });
  const post = <T = CaseBody>(user: string, path: string, body: unknown) =>
    api.call<T>('POST', path, { token: t[user], body });
  async function download(user: string, path: string, accept: string): Promise<Buffer> {
    const response = await fetch(`${api.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${t[user]}`, accept },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  it('a report with a personnummer in its text is registered, with a warning naming the fields', async () => {
    const created = await post('medarbetare', '/api/v1/cases', {
      ...report('lex_sarah', 'solgarden', `Brukaren ${PNR} lämnades ensam i duschen.`),
      immediateActions: `Sjuksköterska tillkallad till ${SAMORDNING}. Anhörig nås på 070-123 45 69.`,
    });
    expect(created.status).toBe(201);
    lexSarah = created.body;
    expect(created.body.warnings).toEqual([
      {
        code: 'PERSONNUMMER_IN_TEXT',
        fields: ['description', 'immediateActions'],
        message: expect.stringMatching(/^Texten verkar innehålla ett personnummer\./),
      },
    ]);

    const clean = await post(
      'medarbetare',
      '/api/v1/cases',
      report('deviation', 'solgarden', 'Rum 12, LS-2026-0007'),
    );
    expect(clean.status).toBe(201);
    expect(clean.body).not.toHaveProperty('warnings');
  });

  it('the citizen form is warned too; without a number the answer is still { reference }', async () => {
    const sent = await api.call<{ reference: string; warnings?: unknown[] }>(
      'POST',
      '/api/v1/public/feedback',
      {
        body: { message: `Min mamma ${PNR} fick fel mat.` },
      },
    );
    expect(sent.status).toBe(202);
    expect(sent.body.warnings).toEqual([
      expect.objectContaining({ code: 'PERSONNUMMER_IN_TEXT', fields: ['message'] }),
    ]);
    const plain = await api.call('POST', '/api/v1/public/feedback', { body: { message: 'Maten var kall.' } });
    expect(plain.status).toBe(202);
    expect(plain.body).toEqual({ reference: expect.stringMatching(/^KL-\d{4}-\d{4,}$/) });
  });

  it('the case shows the text in full to those who may read it', async () => {
    for (const user of ['sas', 'enhetschef', 'medarbetare']) {
      const read = await get(user, `/api/v1/cases/${lexSarah.id}`);
      expect(read.status).toBe(200);
      expect(read.body.description).toContain(PNR);
      expect(read.body.immediateActions).toContain(SAMORDNING);
    }
  });

  it('the case list finds it by the number but carries neither the number nor the text', async () => {
    await syncReadModels(api.db.dataSource, api.store);
    const list = await get<{ items: { id: string }[] }>(
      'kvalitet',
      `/api/v1/cases?q=${encodeURIComponent(PNR)}&pageSize=50`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id)).toContain(lexSarah.id);
    expectNoFullNumber(list.text);
    expect(list.text).not.toContain('lämnades ensam');
  });

  it('the IVO anmälan masks the number in JSON, HTML and PDF, so its notice tells the truth', async () => {
    const path = (command: string) => `/api/v1/cases/${lexSarah.id}/${command}`;
    const steps: [string, string, unknown][] = [
      ['enhetschef', 'acknowledge', {}],
      ['enhetschef', 'assign', { assignee: 'sas' }],
      ['sas', 'start-investigation', {}],
      ['sas', 'record-investigation', { summary: `Utredning om ${PNR}`, causes: ['Bemanning'] }],
      [
        'forvaltningschef',
        'decide',
        { outcome: 'allvarligt_missforhallande', rationale: `${PNR} utsattes för fara` },
      ],
    ];
    for (const [user, command, body] of steps) {
      const answer = await post(user, path(command), body);
      if (answer.status !== 200) throw new Error(`${command}: ${answer.status} ${answer.text}`);
    }
    const json = (await download('sas', path('ivo-anmalan'), 'application/json')).toString('utf8');
    const html = (await download('sas', path('ivo-anmalan'), 'text/html')).toString('utf8');
    const pdf = pdfText(await download('sas', path('ivo-anmalan'), 'application/pdf')).text;
    for (const text of [json, html, pdf]) {
      expectNoFullNumber(text);
      expect(text).toContain(MASK);
    }
    expect(JSON.parse(json)).toMatchObject({
      description: `Brukaren ${MASK} lämnades ensam i duschen.`,
      investigation: { summary: `Utredning om ${MASK}` },
      decision: { rationale: `${MASK} utsattes för fara` },
    });
    for (const text of [html, pdf]) expect(text).toMatch(/personnummer visas maskerat/);
  });

  it('the case summary PDF, a document that leaves the case, masks it too', async () => {
    const pdf = pdfText(
      await download('sas', `/api/v1/cases/${lexSarah.id}/summary.pdf`, 'application/pdf'),
    ).text;
    expectNoFullNumber(pdf);
    expect(pdf).toContain(`Brukaren ${MASK}`);
  });

  it('mail masks it: the answer a complainant gets by e-mail', async () => {
    const sent = await api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body: {
        kind: 'complaint',
        unitId: 'solgarden',
        message: 'Maten kom kall.',
        contact: { email: 'pnr-klagande@example.se' },
        wantsAnswer: true,
      },
    });
    await syncReadModels(api.db.dataSource, api.store);
    const list = await get<{ items: { id: string; caseNumber: string }[] }>(
      'kvalitet',
      '/api/v1/cases?type=complaint&pageSize=200',
    );
    const id = list.body.items.find((i) => i.caseNumber === sent.body.reference)!.id;
    const responded = await post('enhetschef', `/api/v1/cases/${id}/respond`, {
      respondedAt: isoMinutesFromNow(-10),
      channel: 'email',
      summary: `Vi har talat med personalen om ${PNR}.`,
    });
    expect(responded.status).toBe(200);
    const events = await get<{ id: string; type: string }[]>('enhetschef', `/api/v1/cases/${id}/events`);
    const answerEvent = events.body.find((e) => e.type === 'CaseResponded')!;
    const mailer = new Mailer({ db: api.db.dataSource });
    const activities = createCaseActivities({
      cases: new CaseCommandService(api.store),
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
      notices: createCaseNoticeDelivery({ db: api.db.dataSource, mailer }),
    });
    expect(await activities.sendCaseNotice({ caseId: id, kind: 'answer', eventId: answerEvent.id })).toEqual({
      sent: true,
    });
    const mail = await get<{ items: { subject: string; text: string }[] }>(
      'kvalitet',
      '/api/v1/notifications/mail?to=pnr-klagande@example.se',
    );
    expect(mail.body.items).toHaveLength(1);
    expect(mail.body.items[0]!.text).toContain(`Vi har talat med personalen om ${MASK}.`);
    expectNoFullNumber(mail.text);
    mailer.close();
  });

  it('lists outside the case mask it too: the improvement register and the bell', async () => {
    const proposed = await post<{ id: string; title: string }>(
      'medarbetare',
      '/api/v1/improvement-proposals',
      {
        unitId: 'solgarden',
        title: `Fallskydd för ${PNR}`,
        description: 'Sänggrind behövs.',
      },
    );
    expect(proposed.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await get<{ items: { id: string; title: string }[] }>(
      'medarbetare',
      '/api/v1/improvement-proposals',
    );
    expect(list.body.items.find((i) => i.id === proposed.body.id)?.title).toBe(`Fallskydd för ${MASK}`);
    expectNoFullNumber(list.text);
    const item = await get<{ title: string }>(
      'medarbetare',
      `/api/v1/improvement-proposals/${proposed.body.id}`,
    );
    expect(item.body.title).toBe(`Fallskydd för ${PNR}`);

    // A notice written with a number in it (by any sender) is read from the bell masked.
    await api.db.dataSource.query(
      `INSERT INTO user_notifications (key, username, kind, title, body, details, created_at)
       VALUES ('pnr-test/1', 'sas', 'test', $1, $2, '{}'::jsonb, now())`,
      [`Om ${PNR}`, `Gäller ${SAMORDNING}`],
    );
    const bell = await get<{ items: { key: string; title: string; body: string }[] }>(
      'sas',
      '/api/v1/notifications/in-app',
    );
    expect(bell.body.items.find((n) => n.key === 'pnr-test/1')).toMatchObject({
      title: `Om ${MASK}`,
      body: `Gäller ${MASK}`,
    });
    expectNoFullNumber(bell.text);
  });

  it('the weekly digest of the week (JSON, HTML, PDF) holds no full number', async () => {
    const week = formatIsoWeek(isoWeekOf(new Date()));
    const path = `/api/v1/reports/weekly-digest?week=${week}`;
    const json = await get<{ lines: { caseNumber: string }[] }>('ledning', path);
    expect(json.status).toBe(200);
    expect(json.body.lines.map((l) => l.caseNumber)).toContain(lexSarah.caseNumber);
    expectNoFullNumber(json.text);
    expectNoFullNumber((await download('ledning', path, 'text/html')).toString('utf8'));
    expectNoFullNumber(pdfText(await download('ledning', path, 'application/pdf')).text);
  });
});
