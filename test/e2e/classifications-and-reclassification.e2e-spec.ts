import { randomUUID } from 'node:crypto';
import { formatIsoWeek, isoWeekOf } from '@kvalitet/domain';
import {
  DEMO_USERNAMES,
  expectProblem,
  startApi,
  type DemoUsername,
  type TestApi,
} from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Entry {
  code: string;
  label: string;
}
interface Lists {
  version: number;
  categories: Entry[];
  lagrum: Entry[];
  changedBy?: string;
}
interface CaseBody {
  id: string;
  version: number;
  type: string;
  unitId: string;
  category: string | null;
  lagrum: string | null;
  allowedCommands: string[];
  classifyOptions?: { types: string[]; moveUnit: boolean };
}

/** What review M-1 typed into `category` and `lagrum`: a name and a personnummer, with markup. */
const PLANTED = '<script>alert("cat")</script>Anna Andersson 19450312-1234';
const LEAKS = ['19450312', 'Anna Andersson', '<script>', 'alert('];

const stockholmDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/**
 * Issue 24, api.md v1.1 "Reads, searches and reclassification": categories and lagrum from lists
 * that kvalitet keeps (`GET/PUT /api/v1/classifications`), nothing else reaching ledning and the
 * nämnd (review M-1), and reclassification reserved for SAS and MAS, moving a case for them and
 * kvalitet (LC-6 S3, review M-2) — through the real api on a database of its own.
 */
describe('classifications and reclassification rights (e2e, issue 24)', () => {
  let api: TestApi;
  const tokens = {} as Record<DemoUsername, string>;

  beforeAll(async () => {
    api = await startApi();
    for (const user of DEMO_USERNAMES) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = async (
    type: string,
    unitId: string,
    by: DemoUsername = 'medarbetare',
  ): Promise<CaseBody> => {
    const created = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: tokens[by],
      body: report(type, unitId, `Klassificering ${type} ${randomUUID()}`),
    });
    if (created.status !== 201) throw new Error(`${created.status} ${created.text}`);
    return created.body;
  };
  const classify = (id: string, by: DemoUsername, body: Record<string, unknown>) =>
    api.call<CaseBody>('POST', `/api/v1/cases/${id}/classify`, { token: tokens[by], body });
  const read = async (id: string) =>
    (await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: tokens.kvalitet })).body;

  describe('GET/PUT /api/v1/classifications', () => {
    it('gives everyone signed in the demo lists (version 1) and nobody without a token', async () => {
      for (const user of DEMO_USERNAMES) {
        const response = await api.call<Lists>('GET', '/api/v1/classifications', { token: tokens[user] });
        expect({ user, status: response.status }).toEqual({ user, status: 200 });
        expect(response.body.version).toBe(1);
        expect(response.body.categories.map((e) => e.code)).toEqual(
          expect.arrayContaining([
            'bemotande',
            'läkemedel',
            'fall',
            'omvårdnad',
            'dokumentation',
            'tillsyn',
            'annat',
          ]),
        );
        expect(response.body.categories.find((e) => e.code === 'bemotande')?.label).toBe('Bemötande');
        expect(response.body.lagrum.map((e) => e.code)).toEqual(
          expect.arrayContaining(['14 kap. 3 § SoL', '24 b § LSS', '3 kap. 5 § PSL']),
        );
      }
      expect((await api.call('GET', '/api/v1/classifications')).status).toBe(401);
    });

    it('lets only kvalitet save a new version; a stale version is 409 and a bad list 400 in Swedish', async () => {
      const current = (await api.call<Lists>('GET', '/api/v1/classifications', { token: tokens.kvalitet }))
        .body;
      const body = {
        version: current.version,
        categories: [
          ...current.categories.map((e) => (e.code === 'fall' ? { ...e, label: 'Fallolycka' } : e)),
          { code: 'rutin', label: ' Rutin ' },
        ],
        lagrum: current.lagrum,
      };
      for (const user of DEMO_USERNAMES.filter((u) => u !== 'kvalitet'))
        expectProblem(
          await api.call('PUT', '/api/v1/classifications', { token: tokens[user], body }),
          403,
          'FORBIDDEN',
        );

      const saved = await api.call<Lists>('PUT', '/api/v1/classifications', { token: tokens.kvalitet, body });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, changedBy: 'kvalitet' });
      expect(saved.body.categories).toEqual(
        expect.arrayContaining([
          { code: 'fall', label: 'Fallolycka' },
          { code: 'rutin', label: 'Rutin' },
        ]),
      );

      expectProblem(
        await api.call('PUT', '/api/v1/classifications', { token: tokens.kvalitet, body }),
        409,
        'VERSION_CONFLICT',
      );

      const bad: [Record<string, unknown>, string, string][] = [
        [
          { ...body, version: 2, categories: body.categories.filter((e) => e.code !== 'annat') },
          'categories',
          'OTHER_REQUIRED',
        ],
        [
          { ...body, version: 2, categories: [...body.categories, { code: 'Fall', label: 'Fall igen' }] },
          `categories[${body.categories.length}].code`,
          'DUPLICATE',
        ],
        [{ ...body, version: 2, lagrum: [{ code: 'SoL', label: '' }] }, 'lagrum[0].label', 'NOT_BLANK'],
        [
          { ...body, version: 2, lagrum: [{ code: 'SoL', label: 'SoL', extra: 1 }] },
          'lagrum[0].extra',
          'UNKNOWN_FIELD',
        ],
        [{ version: 2, categories: body.categories }, 'lagrum', 'REQUIRED'],
      ];
      for (const [invalid, field, code] of bad) {
        const problem = expectProblem(
          await api.call('PUT', '/api/v1/classifications', { token: tokens.kvalitet, body: invalid }),
          400,
          'VALIDATION_FAILED',
        );
        expect({ field, errors: problem.errors?.map((e) => [e.field, e.code]) }).toEqual({
          field,
          errors: expect.arrayContaining([[field, expect.any(String)]]),
        });
        if (!['NOT_BLANK', 'UNKNOWN_FIELD', 'REQUIRED'].includes(code))
          expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
        for (const error of problem.errors ?? []) expect(error.message).toMatch(/[a-zåäö]/i);
      }
      expect(
        (await api.call<Lists>('GET', '/api/v1/classifications', { token: tokens.ledning })).body.version,
      ).toBe(2);
    });
  });

  describe('classify takes codes from the lists', () => {
    it('a category or lagrum not on the list is 400 naming the field; a listed code is stored', async () => {
      const deviation = await create('deviation', 'solgarden');
      const planted = await classify(deviation.id, 'enhetschef', { category: PLANTED });
      const problem = expectProblem(planted, 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'category', code: 'NOT_ON_LIST' })]);
      expect(problem.errors![0]!.message).toMatch(/^Fältet category måste vara en kod/);

      const lagrum = expectProblem(
        await classify(deviation.id, 'enhetschef', { category: 'fall', lagrum: 'SoL 14 kap. 6 §' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(lagrum.errors).toEqual([expect.objectContaining({ field: 'lagrum', code: 'NOT_ON_LIST' })]);
      // A label is not a code.
      expectProblem(
        await classify(deviation.id, 'enhetschef', { category: 'Läkemedel' }),
        400,
        'VALIDATION_FAILED',
      );

      const ok = await classify(deviation.id, 'enhetschef', {
        category: 'läkemedel',
        lagrum: '14 kap. 3 § SoL',
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ category: 'läkemedel', lagrum: '14 kap. 3 § SoL' });
      // A code kvalitet added in version 2 is on the list too.
      expect((await classify(deviation.id, 'enhetschef', { category: 'rutin' })).status).toBe(200);
    });

    it('a free-text value from before the lists reaches neither the digest, the statistics nor the kvalitetsberättelse: only labels', async () => {
      const complaint = await create('complaint', 'solgarden', 'kvalitet');
      // What an earlier version accepted, written as it was then (the api refuses it now).
      const stream = await api.store.load(complaint.id);
      await api.store.append({
        aggregateType: 'case',
        aggregateId: complaint.id,
        expectedVersion: stream.length,
        events: [
          {
            type: 'CaseClassified',
            data: {
              fromType: 'complaint',
              toType: 'complaint',
              category: PLANTED,
              lagrum: PLANTED,
              rationale: '',
              by: 'enhetschef',
              at: new Date().toISOString(),
            },
          },
        ],
        metadata: { actor: 'enhetschef', correlationId: randomUUID() },
      });
      await syncReadModels(api.db.dataSource, api.store);

      const stored: { category: string; lagrum: string }[] = await api.db.dataSource.query(
        `SELECT category, lagrum FROM rm_statistics_cases WHERE case_id = $1`,
        [complaint.id],
      );
      expect(stored).toEqual([{ category: 'annat', lagrum: 'annat' }]);
      const listed: { category: string }[] = await api.db.dataSource.query(
        `SELECT category FROM rm_cases WHERE id = $1`,
        [complaint.id],
      );
      expect(listed).toEqual([{ category: 'annat' }]);
      // The case itself keeps what was typed (events are append-only); it is read on the case, logged.
      expect((await read(complaint.id)).category).toBe(PLANTED);

      const week = formatIsoWeek(isoWeekOf(new Date()));
      const year = new Date().getUTCFullYear();
      const asJson = async (path: string, user: DemoUsername) => {
        const response = await api.call<Record<string, unknown>>('GET', path, { token: tokens[user] });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        return response;
      };
      const asHtml = async (path: string, user: DemoUsername) => {
        const response = await api.call('GET', path, {
          token: tokens[user],
          headers: { accept: 'text/html' },
        });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        return response.text;
      };
      const digest = await asJson(`/api/v1/reports/weekly-digest?week=${week}`, 'ledning');
      expect((digest.body['complaintsByCategory'] as Record<string, number>)['annat']).toBeGreaterThanOrEqual(
        1,
      );
      const line = (digest.body['lines'] as { caseNumber: string; category: string }[]).find(
        (l) => l.category !== null && l.category !== undefined && l.caseNumber.startsWith('KL-'),
      );
      expect(line?.category).toBe('annat');
      const statistics = `/api/v1/reports/statistics?from=${stockholmDate(-1)}&to=${stockholmDate(1)}&groupBy=category,lagrum`;
      const stats = await asJson(statistics, 'ledning');
      expect(
        (stats.body['groups'] as { key: { category: string; lagrum: string } }[]).map((g) => g.key),
      ).toEqual(
        expect.arrayContaining([
          { category: 'annat', lagrum: 'annat' },
          { category: 'rutin', lagrum: '14 kap. 3 § SoL' },
        ]),
      );
      const berattelse = await asJson(`/api/v1/reports/kvalitetsberattelse?year=${year}`, 'kvalitet');

      const texts = [
        digest.text,
        stats.text,
        berattelse.text,
        await asHtml(`/api/v1/reports/weekly-digest?week=${week}`, 'ledning'),
        await asHtml(statistics, 'ledning'),
        await asHtml(`/api/v1/reports/kvalitetsberattelse?year=${year}`, 'kvalitet'),
      ];
      for (const [i, text] of texts.entries())
        for (const leak of LEAKS)
          expect({ i, leak, found: text.includes(leak) }).toEqual({ i, leak, found: false });
      // The documents name categories by their labels from the list (kvalitet renamed none of these).
      expect(texts[3]).toContain('<td>Annat</td>');
      expect(texts[4]).toContain('Rutin / 14 kap. 3 § SoL (lex Sarah)');
      expect(texts[5]).toMatch(/<td>Klagomål<\/td><td>Annat<\/td><td>&lt;3<\/td>/);
    });
  });

  describe('reclassification rights (LC-6 S3)', () => {
    it('enhetschef cannot downgrade a lex Sarah case or move a case to another unit (403, the case unchanged)', async () => {
      const lexSarah = await create('lex_sarah', 'solgarden');
      const view = await api.call<CaseBody>('GET', `/api/v1/cases/${lexSarah.id}`, {
        token: tokens.enhetschef,
      });
      expect(view.body.allowedCommands).toContain('classify');
      expect(view.body.classifyOptions).toEqual({ types: [], moveUnit: false });

      for (const user of ['enhetschef', 'avdelningschef'] as const) {
        const downgrade = expectProblem(
          await classify(lexSarah.id, user, {
            type: 'deviation',
            category: 'annat',
            rationale: 'inte lex Sarah',
          }),
          403,
          'FORBIDDEN',
        );
        expect(downgrade.detail).toMatch(/^Bara lex Sarah-utredaren \(SAS\)/);
        const move = expectProblem(
          await classify(lexSarah.id, user, { category: 'annat', unitId: 'ekbacken' }),
          403,
          'FORBIDDEN',
        );
        expect(move.detail).toMatch(/flytta ett ärende till en annan enhet/);
      }
      const deviation = await create('deviation', 'solgarden');
      expectProblem(
        await classify(deviation.id, 'enhetschef', { category: 'annat', unitId: 'ekbacken' }),
        403,
        'FORBIDDEN',
      );

      const after = await read(lexSarah.id);
      expect(after).toMatchObject({ type: 'lex_sarah', unitId: 'solgarden', version: lexSarah.version });
      expect((await read(deviation.id)).unitId).toBe('solgarden');
      // What a manager still does: set the category of the lex Sarah case.
      expect(
        (await classify(lexSarah.id, 'enhetschef', { category: 'tillsyn', lagrum: '14 kap. 3 § SoL' }))
          .status,
      ).toBe(200);
    });

    it('sas downgrades a lex Sarah case, mas reclassifies a lex Maria case, kvalitet moves a case, a manager raises a deviation to lex Sarah', async () => {
      const lexSarah = await create('lex_sarah', 'solgarden');
      expect(
        (await api.call<CaseBody>('GET', `/api/v1/cases/${lexSarah.id}`, { token: tokens.sas })).body
          .classifyOptions?.types,
      ).toContain('deviation');
      const downgraded = await classify(lexSarah.id, 'sas', {
        type: 'deviation',
        category: 'tillsyn',
        rationale: 'Ingen påtaglig risk; hanteras som avvikelse',
      });
      expect(downgraded.status).toBe(200);
      expect(downgraded.body.type).toBe('deviation');

      const lexMaria = await create('lex_maria', 'solgarden', 'mas');
      expectProblem(
        await classify(lexMaria.id, 'enhetschef', {
          type: 'hsl_deviation',
          category: 'fall',
          rationale: 'ingen vårdskada',
        }),
        403,
        'FORBIDDEN',
      );
      const maria = await classify(lexMaria.id, 'mas', {
        type: 'hsl_deviation',
        category: 'fall',
        rationale: 'Ingen allvarlig vårdskada',
      });
      expect(maria.status).toBe(200);
      expect(maria.body.type).toBe('hsl_deviation');

      const moved = await create('deviation', 'solgarden');
      const byKvalitet = await classify(moved.id, 'kvalitet', {
        category: 'annat',
        categoryText: 'Anmäld till fel enhet', // "Annat" takes its words (issue 21)
        unitId: 'ekbacken',
      });
      expect(byKvalitet.status).toBe(200);
      expect(byKvalitet.body.unitId).toBe('ekbacken');

      const deviation = await create('deviation', 'solgarden');
      expect(
        (await api.call<CaseBody>('GET', `/api/v1/cases/${deviation.id}`, { token: tokens.enhetschef })).body
          .classifyOptions?.types,
      ).toContain('lex_sarah');
      const raised = await classify(deviation.id, 'enhetschef', {
        type: 'lex_sarah',
        category: 'tillsyn',
        rationale: 'Påtaglig risk för missförhållande',
      });
      expect(raised.status).toBe(200);
      expect(raised.body.type).toBe('lex_sarah');
      // …and once it is lex Sarah, taking it back is for SAS.
      expectProblem(
        await classify(deviation.id, 'enhetschef', {
          type: 'deviation',
          category: 'tillsyn',
          rationale: 'ångrar',
        }),
        403,
        'FORBIDDEN',
      );

      const hsl = await create('hsl_deviation', 'solgarden');
      expect(
        (
          await classify(hsl.id, 'enhetschef', {
            type: 'lex_maria',
            category: 'läkemedel',
            rationale: 'Risk för allvarlig vårdskada',
          })
        ).status,
      ).toBe(200);
    });
  });
});
