import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_DEADLINE_POLICY, reportPeriodFor } from '@kvalitet/domain';
import { writeDeadLetter } from '@kvalitet/messaging';
import { Mailer } from '@kvalitet/notifications';
import { REPORT_DEMO_UNITS } from '@kvalitet/reporting';
import { CaseCommandService, ERASED_MARKER, eraseCaseCopies } from '@kvalitet/persistence';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { createCaseNoticeDelivery } from '../../apps/worker/src/activities/case-notice-delivery';
import { createReportActivities } from '../../apps/worker/src/activities/report-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { isoMinutesFromNow, report } from '../e2e/support/fixtures';
import { syncReadModels } from '../e2e/support/read-models';
import { searchEveryTableFor, type TableHit } from '../support/search-every-table';

interface CaseBody {
  id: string;
  caseNumber: string;
  stage: string;
}

/**
 * Erasure reaches every copy Postgres keeps (DATA-2, DATA-7; api.md "Records and gallring"): two cases
 * seeded through the api — a staff deviation with a name and free text, and a public complaint whose
 * answer was mailed — leave their text in the personal data, the read models, an idempotency answer,
 * a dead letter, captured mail and an in-app notice; after `eraseCaseCopies` a search of every column
 * of every table finds none of it, while number, type, unit, dates and statistics stay.
 */
describe('eraseCaseCopies: no copy of a seeded name or free text remains in any table', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const tag = randomBytes(5).toString('hex');
  const NAME = `Zlatan Testperson-${tag}`;
  const TEXT = `unik fritext ${tag}`;
  const ANSWER = `unikt svar ${tag}`;
  const EMAIL = `zlatan.${tag}@example.se`;
  const NEEDLES = [NAME, TEXT, ANSWER, EMAIL];

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'kvalitet']) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = <T = CaseBody>(
    user: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => api.call<T>('POST', path, { token: tokens[user], body, headers });

  async function eventsOf(id: string): Promise<{ id: string; type: string }[]> {
    return (
      await api.call<{ id: string; type: string }[]>('GET', `/api/v1/cases/${id}/events`, {
        token: tokens['enhetschef'],
      })
    ).body;
  }

  /** A staff deviation about a named person, investigated and closed; its reporter told the outcome. */
  async function seedDeviation(): Promise<string> {
    const created = await post(
      'medarbetare',
      '/api/v1/cases',
      report('deviation', 'solgarden', `${NAME} föll i korridoren, ${TEXT}`, {
        immediateActions: `Sjuksköterskan tittade till ${NAME}`,
        onBehalfOf: { name: NAME },
        personRef: `B-${tag}`,
      }),
      { 'idempotency-key': `erasure-${tag}-${randomUUID()}` },
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await post('enhetschef', `/api/v1/cases/${id}/acknowledge`, { note: `Mottagen, ${TEXT}` })).status,
    ).toBe(200);
    expect((await post('enhetschef', `/api/v1/cases/${id}/start-investigation`, {})).status).toBe(200);
    const recorded = await post('enhetschef', `/api/v1/cases/${id}/record-investigation`, {
      summary: `${NAME} halkade på vått golv, ${TEXT}`,
      causes: ['Golvet'],
      deviationOccurred: true,
    });
    expect(recorded.status).toBe(200);
    const closed = await post('enhetschef', `/api/v1/cases/${id}/close`, { summary: `Avslutad, ${TEXT}` });
    expect(closed.status).toBe(200);
    return id;
  }

  /** A public complaint with an e-mail address that wants an answer, answered by mail. */
  async function seedComplaint(): Promise<string> {
    const sent = await api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body: {
        kind: 'complaint',
        unitId: 'solgarden',
        message: `Maten till ${NAME} kom kall, ${TEXT}`,
        name: NAME,
        contact: { email: EMAIL },
        wantsAnswer: true,
      },
    });
    expect(sent.status).toBe(202);
    const [row] = (await api.db.dataSource.query(
      `SELECT aggregate_id FROM events WHERE data->>'caseNumber' = $1`,
      [sent.body.reference],
    )) as { aggregate_id: string }[];
    const id = row!.aggregate_id;
    const answered = await post('enhetschef', `/api/v1/cases/${id}/respond`, {
      respondedAt: isoMinutesFromNow(-10),
      channel: 'email',
      summary: `Hej ${NAME}, ${ANSWER}`,
    });
    expect(answered.status).toBe(200);
    return id;
  }

  it('seeds copies everywhere, erases them all, and keeps number, type, unit, dates and statistics', async () => {
    const deviation = await seedDeviation();
    const complaint = await seedComplaint();
    const db = api.db.dataSource;

    // What the case workflow's activities do: the answer mailed, the outcome told in-app and by mail.
    const activities = createCaseActivities({
      cases: new CaseCommandService(api.store),
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
      notices: createCaseNoticeDelivery({ db, mailer: new Mailer({ db }) }),
    });
    const responded = (await eventsOf(complaint)).find((e) => e.type === 'CaseResponded')!;
    expect(
      await activities.sendCaseNotice({ caseId: complaint, kind: 'answer', eventId: responded.id }),
    ).toEqual({
      sent: true,
    });
    const closedEvent = (await eventsOf(deviation)).find((e) => e.type === 'CaseClosed')!;
    await activities.sendCaseNotice({ caseId: deviation, kind: 'outcome', eventId: closedEvent.id });

    // A consumer that could not handle the report parks the message as it was received.
    const [reported] = await api.store.load(deviation);
    await writeDeadLetter(db, {
      consumer: 'case-read-model',
      topic: 'kvalitet.case',
      partition: 0,
      offset: '7',
      eventId: reported!.id,
      payload: JSON.stringify(reported),
      error: `kunde inte projicera ${reported!.type}`,
      attempts: 5,
    });
    await syncReadModels(db, api.store);
    // The report archive: a meeting report over both cases (its lines name them by number only).
    const now = new Date();
    await createReportActivities({
      dataSource: db,
      events: api.store,
      mailer: new Mailer({ db }),
      units: REPORT_DEMO_UNITS,
      organisation: 'Exempelkommun, socialnämnden',
    }).generateScheduledReport({
      period: reportPeriodFor('meeting_report', new Date(now.getTime() + 3_600_000), {
        previousMeetingAt: new Date(now.getTime() - 86_400_000),
      }),
      workflowId: `erasure-${tag}`,
      runId: randomUUID(),
    });
    const numbers = (await db.query(`SELECT case_number FROM rm_cases WHERE id = ANY($1::uuid[])`, [
      [deviation, complaint],
    ])) as { case_number: string }[];
    const inArchive = await searchEveryTableFor(
      db,
      numbers.map((n) => n.case_number),
    );
    for (const hits of Object.values(inArchive))
      expect(hits.map((h) => h.table)).toContain('generated_reports');

    const before = await searchEveryTableFor(db, NEEDLES);
    const tablesOf = (hits: TableHit[]) => [...new Set(hits.map((h) => h.table))].sort();
    // The seed reached the copies this test is about (otherwise it would prove nothing).
    expect(tablesOf(before[NAME]!)).toEqual(
      expect.arrayContaining(['dead_letters', 'idempotency_keys', 'personal_data', 'rm_cases']),
    );
    expect(tablesOf(before[ANSWER]!)).toEqual(expect.arrayContaining(['mail_messages', 'personal_data']));
    expect(tablesOf(before[EMAIL]!)).toEqual(expect.arrayContaining(['mail_messages', 'personal_data']));
    // The events hold none of it (ADR 0002), nor does the report archive (one pseudonymised line per case).
    for (const needle of NEEDLES) {
      expect(tablesOf(before[needle]!)).not.toContain('events');
      expect(tablesOf(before[needle]!)).not.toContain('generated_reports');
    }

    const kept = async () =>
      (await db.query(
        `SELECT c.id, c.case_number, c.type, c.unit_id, c.reported_at, c.closed_at, c.stage,
                s.case_number AS statistics_number, s.type AS statistics_type, s.reported_at AS statistics_reported_at
           FROM rm_cases c LEFT JOIN rm_statistics_cases s ON s.case_id = c.id
          WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
        [[deviation, complaint]],
      )) as Record<string, unknown>[];
    const counters = async () =>
      (await db.query(`SELECT * FROM rm_case_counters ORDER BY unit_id, type, month`)) as unknown[];
    const keptBefore = await kept();
    const countersBefore = await counters();
    expect(keptBefore).toHaveLength(2);
    for (const row of keptBefore) expect(row['statistics_number']).toBe(row['case_number']);

    const reports = await db.transaction(async (manager) => [
      await eraseCaseCopies(manager, deviation, { reason: 'gallring: avvikelse, 2 år' }),
      await eraseCaseCopies(manager, complaint, { reason: 'gallring: klagomål, 2 år' }),
    ]);
    expect(reports[0]!.tables).toMatchObject({
      personal_data: expect.any(Number),
      rm_cases: 1,
      dead_letters: 1,
      idempotency_keys: 1,
      user_notifications: 1,
    });
    expect(reports[0]!.tables.personal_data).toBeGreaterThanOrEqual(4);
    expect(reports[1]!.tables).toMatchObject({ rm_cases: 1, mail_messages: 1 });

    const after = await searchEveryTableFor(db, NEEDLES);
    expect(after).toEqual(Object.fromEntries(NEEDLES.map((n) => [n, []])));

    // The case keeps its number, type, unit, dates and statistics; the text reads as erased.
    expect(await kept()).toEqual(keptBefore);
    expect(await counters()).toEqual(countersBefore);
    const [view] = (await db.query(`SELECT description FROM rm_cases WHERE id = $1`, [deviation])) as {
      description: string;
    }[];
    expect(view!.description).toBe(ERASED_MARKER);
    const mail = (await db.query(`SELECT recipients, text_body, raw FROM mail_messages WHERE case_id = $1`, [
      complaint,
    ])) as { recipients: string[]; text_body: string; raw: Buffer | null }[];
    expect(mail).toEqual([{ recipients: [ERASED_MARKER], text_body: ERASED_MARKER, raw: null }]);

    // The api still answers for an erased case, with the marker where the text was.
    const read = await api.call<{ caseNumber: string; description: string }>(
      'GET',
      `/api/v1/cases/${deviation}`,
      {
        token: tokens['kvalitet'],
      },
    );
    expect(read.status).toBe(200);
    expect(read.body.description).toBe(ERASED_MARKER);

    // A rebuild of the read models from the event store brings nothing back; a second erasure changes nothing.
    await syncReadModels(db, api.store);
    expect(await searchEveryTableFor(db, NEEDLES)).toEqual(Object.fromEntries(NEEDLES.map((n) => [n, []])));
    expect(await kept()).toEqual(keptBefore);
    const again = await db.transaction((manager) => eraseCaseCopies(manager, deviation));
    expect(again.total).toBe(0);
  });

  it('a stored report that names a case’s free text anyway is scrubbed and its PDF emptied', async () => {
    const id = await seedDeviation();
    const db = api.db.dataSource;
    const line = { caseNumber: 'AVV-X', note: `${NAME} enligt utredningen` };
    await db.query(
      `INSERT INTO generated_reports (report_key, kind, label, period_from, period_to, data, document, html, pdf, generated_at)
       VALUES ($1, 'meeting_report', 'möte', now() - interval '1 day', now() + interval '1 day', $2::jsonb, $2::jsonb, $3, $4, now())`,
      [
        `meeting_report:faulty-${tag}`,
        JSON.stringify({ lines: [line] }),
        `<p>${line.note}</p>`,
        Buffer.from(line.note),
      ],
    );
    const report = await db.transaction((manager) => eraseCaseCopies(manager, id));
    expect(report.tables.generated_reports).toBe(1);
    expect(await searchEveryTableFor(db, [NAME])).toEqual({ [NAME]: [] });
    const [stored] = (await db.query(
      `SELECT data, html, octet_length(pdf) AS pdf FROM generated_reports WHERE report_key = $1`,
      [`meeting_report:faulty-${tag}`],
    )) as { data: unknown; html: string; pdf: number }[];
    expect(stored).toEqual({
      data: { lines: [{ caseNumber: 'AVV-X', note: ERASED_MARKER }] },
      html: ERASED_MARKER,
      pdf: 0,
    });
  });

  it('a case that was never seeded erases nothing', async () => {
    const report = await api.db.dataSource.transaction((manager) => eraseCaseCopies(manager, randomUUID()));
    expect(report.total).toBe(0);
  });
});
