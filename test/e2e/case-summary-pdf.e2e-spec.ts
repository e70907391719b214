import { pdfText } from '../../libs/reporting/test/pdf-text';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

/**
 * Issue 21, "Phone and print": `GET /api/v1/cases/{id}/summary.pdf` prints the case in plain Swedish
 * (number, type, status, its steps and deadlines), is logged as a read of the case, and is refused
 * to anyone who may not read the case, as the case itself is.
 */

interface CaseBody {
  id: string;
  caseNumber: string;
  version: number;
}

interface AccessLogBody {
  items: { username: string; caseId: string | null; action: string; route: string }[];
}

describe('case summary PDF (issue 21, e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let created: CaseBody;

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'enhetschef.ekbacken', 'ledning', 'kvalitet'])
      t[user] = await api.token(user);
    const reported = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('deviation', 'solgarden', 'Fel dos av läkemedel gavs vid kvällsmedicineringen.'),
    });
    expect(reported.status).toBe(201);
    const acknowledged = await api.call<CaseBody>('POST', `/api/v1/cases/${reported.body.id}/acknowledge`, {
      token: t['enhetschef'],
      body: { note: 'Mottagen.', expectedVersion: reported.body.version },
    });
    expect(acknowledged.status).toBe(200);
    created = acknowledged.body;
  });
  afterAll(async () => {
    await api?.close();
  });

  const download = (user: string, id = created.id) =>
    fetch(`${api.baseUrl}/api/v1/cases/${id}/summary.pdf`, {
      headers: { authorization: `Bearer ${t[user]}` },
    });

  it('prints the case number, type, status and steps in plain Swedish, as a download not kept in caches', async () => {
    const response = await download('enhetschef');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="sammanfattning-${created.caseNumber}.pdf"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = pdfText(bytes);
    expect(text).toContain(`Sammanfattning av ärende ${created.caseNumber}`);
    expect(text).toContain('Kvalitetsavvikelse');
    expect(text).toContain('Status');
    expect(text).toContain('Utreds');
    expect(text).toContain('Ärendets steg');
    for (const step of ['Rapporterad', 'Åtgärdas', 'Följs upp', 'Avslutad']) expect(text).toContain(step);
    expect(text).toContain('Fel dos av läkemedel');
    expect(text).toContain('Särskilt boende Solgården');
    // Plain Swedish: no codes, requirement IDs or timestamps of the formats the api speaks.
    expect(text).not.toMatch(/\b(deviation|investigating|acknowledgement|staff_form)\b/);
    expect(text).not.toMatch(/\b[A-Z]{2,4}-\d{1,2}\b/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('is written to the access log as a read of the case', async () => {
    const log = await api.call<AccessLogBody>('GET', `/api/v1/audit/access-log?caseId=${created.id}`, {
      token: t['kvalitet'],
    });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'enhetschef',
          caseId: created.id,
          action: 'read_case',
          route: 'GET /api/v1/cases/:id/summary.pdf',
        }),
      ]),
    );
  });

  it('is refused to one who may not read the case, with nothing logged for them', async () => {
    const get = (user: string, id = created.id) =>
      api.call('GET', `/api/v1/cases/${id}/summary.pdf`, { token: t[user] });
    expectProblem(await get('enhetschef.ekbacken'), 404, 'NOT_FOUND');
    expectProblem(await get('ledning'), 403, 'FORBIDDEN');
    expectProblem(await get('enhetschef', 'inte-ett-id'), 400, 'VALIDATION_FAILED');
    const log = await api.call<AccessLogBody>('GET', `/api/v1/audit/access-log?caseId=${created.id}`, {
      token: t['kvalitet'],
    });
    expect(log.body.items.filter((i) => ['enhetschef.ekbacken', 'ledning'].includes(i.username))).toEqual([]);
  });
});
