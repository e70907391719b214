import { createHash, randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { temporalDataConverter } from '@kvalitet/runtime';
import { scheduledReportStatusQuery } from '@kvalitet/workflows';
import { waitForValue, waitUntil } from '../support/app-process';
import { deleteRunTopics, startProjectorAndWorker, type RunningAppProcesses } from '../support/app-processes';
import { infraEnv } from '../support/infra-env';
import { testTopics } from '../support/test-topics';
import { expectProblem, startApi, type ApiResponse, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

interface VersionSummary {
  key: string;
  version: number;
  scope: string;
  approvedBy: string;
  approvedByName: string;
  approvedAt: string;
  presentations: { meeting: string; reference: string }[];
}

interface Draft {
  key: string;
  prompts: { id: string; sectionTitle: string; prompt: string }[];
  latestVersion: number | null;
  changedSinceLatest: boolean | null;
  canApprove: boolean;
}

const sha = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * REP-1, DATA-6, DL-22 (ADR 0038): the MAS approves the patientsäkerhetsberättelse, which freezes it
 * as version 1 with her texts; a new case of the year changes the draft but not version 1, byte for
 * byte; approving again makes version 2. The approval reaches the scheduled run that drafted the
 * berättelse through the outbox and the projector, and stops its reminders (asked of the workflow).
 * Real api, projector, worker, Postgres, Kafka and Temporal.
 */
describe('approving and freezing reports (REP-1, DATA-6)', () => {
  const topics = testTopics();
  const taskQueue = `report-approval-${randomUUID()}`;
  const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4));
  const base = `/api/v1/reports/patientsakerhetsberattelse/${year}`;
  let api: TestApi;
  let processes: RunningAppProcesses | undefined;
  let connection: Connection | undefined;
  let workflow: WorkflowHandle;
  let mas: string;

  const fileCase = async (description: string) => {
    const created = await api.call('POST', '/api/v1/cases', {
      token: await api.token('medarbetare'),
      body: report('hsl_deviation', 'solgarden', description),
    });
    expect(created.status).toBe(201);
  };
  const draft = async (token = mas) => {
    const response = await api.call<Draft>('GET', `${base}/draft`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const raw = async (path: string, accept: string): Promise<Buffer> => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${mas}`, accept },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  const versionBytes = async (n: number) => ({
    // The presentations are recorded beside the frozen version, not in it.
    json: JSON.stringify({
      ...(JSON.parse((await raw(`${base}/versions/${n}`, 'application/json')).toString('utf8')) as object),
      presentations: undefined,
    }),
    html: (await raw(`${base}/versions/${n}`, 'text/html')).toString('utf8'),
    pdf: sha(await raw(`${base}/versions/${n}`, 'application/pdf')),
  });
  /** The draft's data once the projector has caught up: unchanged over a few seconds. */
  const settled = async () => {
    const content = async () => {
      const response = await api.call<unknown>(
        'GET',
        `/api/v1/reports/patientsakerhetsberattelse?year=${year}`,
        {
          token: mas,
        },
      );
      return JSON.stringify(response.body, (key, value: unknown) =>
        key === 'asOf' || key === 'generatedAt' ? undefined : value,
      );
    };
    let previous = await content();
    for (;;) {
      await new Promise((r) => setTimeout(r, 3000));
      const now = await content();
      if (now === previous) return;
      previous = now;
    }
  };
  const approve = (token: string, body: unknown = {}): Promise<ApiResponse<VersionSummary>> =>
    api.call<VersionSummary>('POST', `${base}/approve`, { token, body });

  beforeAll(async () => {
    const env = { KAFKA_NAMESPACE: topics.prefix, TEMPORAL_TASK_QUEUE: taskQueue };
    api = await startApi(env);
    processes = startProjectorAndWorker({
      ...(infraEnv() as unknown as Record<string, string>),
      DATABASE_URL: api.db.url,
      ...env,
    });
    await processes.ready();
    mas = await api.token('mas');

    await fileCase('Fel dos given på kvällen');
    connection = await Connection.connect({ address: infraEnv().TEMPORAL_ADDRESS });
    const client = new Client({ connection, dataConverter: temporalDataConverter() });
    // The run of 15 January next year drafts this year's berättelse and reminds the MAS from 1 February.
    workflow = await client.workflow.start('scheduledReportWorkflow', {
      taskQueue,
      workflowId: `report-approval-${randomUUID()}`,
      args: [{ kind: 'patientsakerhetsberattelse', scheduledAt: `${year + 1}-01-15T06:00:00.000Z` }],
    });
    await waitUntil(
      async () =>
        (
          (await api.db.dataSource.query(`SELECT 1 FROM generated_reports WHERE report_key = $1`, [
            `patientsakerhetsberattelse:${year}`,
          ])) as unknown[]
        ).length > 0,
      120_000,
      'den schemalagda körningen har tagit fram utkastet',
    );
    await waitUntil(
      async () =>
        ((await api.db.dataSource.query(`SELECT 1 FROM rm_statistics_cases`)) as unknown[]).length > 0,
      60_000,
      'ärendet finns i statistiken',
    );
  }, 240_000);

  afterAll(async () => {
    await workflow?.terminate('testet är klart').catch(() => undefined);
    await connection?.close();
    await processes?.projector.stop();
    await processes?.worker.stop();
    await api?.close();
    await deleteRunTopics(new Kafka({ brokers: infraEnv().KAFKA_BROKERS.split(',') }), topics);
  }, 120_000);

  it('shows the draft with the places a person writes, and nothing approved yet', async () => {
    const first = await draft();
    expect(first).toMatchObject({
      key: `patientsakerhetsberattelse:${year}`,
      latestVersion: null,
      changedSinceLatest: null,
      canApprove: true,
    });
    expect(first.prompts.map((p) => p.id)).toContain('egenkontroll');
    expect((await api.call<VersionSummary[]>('GET', `${base}/versions`, { token: mas })).body).toEqual([]);
  });

  it('refuses the roles that do not own the report, and bad input, writing nothing', async () => {
    expectProblem(await approve(await api.token('sas')), 403, 'FORBIDDEN');
    expectProblem(await approve(await api.token('medarbetare')), 403, 'FORBIDDEN');
    expectProblem(
      await api.call('POST', `/api/v1/reports/kvalitetsberattelse/${year}/approve`, { token: mas, body: {} }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('POST', `/api/v1/reports/tertial/${year}/approve`, { token: mas, body: {} }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('POST', `/api/v1/reports/veckobrev/${year}/approve`, { token: mas, body: {} }),
      400,
      'VALIDATION_FAILED',
    );
    const unknownPrompt = expectProblem(
      await approve(mas, { narratives: { finnsinte: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknownPrompt.errors?.[0]).toMatchObject({
      field: 'narratives.finnsinte',
      code: 'UNKNOWN_PROMPT',
    });
    expectProblem(await approve(mas, { narratives: 'text' }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('GET', `${base}/versions/1`, { token: mas }), 404, 'NOT_FOUND');
    expect((await api.call<VersionSummary[]>('GET', `${base}/versions`, { token: mas })).body).toEqual([]);
  });

  let version1: { json: string; html: string; pdf: string };

  it('freezes the approved draft as version 1 with who, when and the texts written', async () => {
    await settled();
    const approved = await approve(mas, {
      narratives: {
        egenkontroll: 'Årets journalgranskning visade brister i signering.\n\nÅtgärd: utbildning.',
      },
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      key: `patientsakerhetsberattelse:${year}`,
      version: 1,
      scope: 'alla',
      approvedBy: 'mas',
      approvedByName: 'Lena Ström',
      presentations: [],
    });
    version1 = await versionBytes(1);
    expect(version1.html).toContain('Årets journalgranskning visade brister i signering.');
    expect(version1.html).toContain('Lena Ström');
    expect(version1.html).toContain('Slutlig');
    const json = JSON.parse(version1.json) as {
      narratives: Record<string, string>;
      document: { status: string };
    };
    expect(json.narratives).toEqual({
      egenkontroll: 'Årets journalgranskning visade brister i signering.\n\nÅtgärd: utbildning.',
    });
    expect(json.document.status).toBe('final');
    expect((await raw(`${base}/versions/1`, 'application/pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await draft()).toMatchObject({ latestVersion: 1, changedSinceLatest: false });
  });

  it('answers 409 to approving the unchanged draft again', async () => {
    expectProblem(
      await approve(mas, {
        narratives: {
          egenkontroll: 'Årets journalgranskning visade brister i signering.\n\nÅtgärd: utbildning.',
        },
      }),
      409,
      'ALREADY_EXISTS',
    );
  });

  it('stops the scheduled run’s reminders: the approval reaches its workflow through the outbox', async () => {
    const status = await waitForValue(
      async () => {
        const s = await workflow.query(scheduledReportStatusQuery);
        return s.approved ? s : null;
      },
      60_000,
      'arbetsflödet har fått godkännandet',
      { intervalMs: 500 },
    );
    expect(status).toMatchObject({ approved: true, remindersSent: 0 });
    const result = await workflow.result();
    expect(result.reminders).toBe(0);
  });

  it('keeps version 1 as approved in the database: no UPDATE, no DELETE', async () => {
    await expect(
      api.db.dataSource.query(`UPDATE report_versions SET label = 'ändrad' WHERE version = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(api.db.dataSource.query(`DELETE FROM report_versions`)).rejects.toThrow(/append-only/);
  });

  it('after a new case of the year the draft differs, version 1 stays byte for byte, and approving makes version 2', async () => {
    await fileCase('Läkemedel gavs till fel person');
    await waitUntil(async () => (await draft()).changedSinceLatest === true, 60_000, 'utkastet har ändrats');
    await settled();
    expect(await versionBytes(1)).toEqual(version1);

    const second = await approve(mas, { narratives: { egenkontroll: 'Uppdaterad analys.' } });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    const list = await api.call<VersionSummary[]>('GET', `${base}/versions`, { token: mas });
    expect(list.body.map((v) => [v.version, v.approvedBy])).toEqual([
      [2, 'mas'],
      [1, 'mas'],
    ]);
    expect(await versionBytes(1)).toEqual(version1);
    expect((await versionBytes(2)).html).toContain('Uppdaterad analys.');
  });

  it('records that a version was presented at a meeting, once per meeting', async () => {
    const body = { meeting: `Vård- och omsorgsnämnden ${year + 1}-03-18`, reference: '§ 23' };
    const presented = await api.call<VersionSummary>('POST', `${base}/versions/1/present`, {
      token: mas,
      body,
    });
    expect(presented.status).toBe(201);
    expect(presented.body.presentations).toMatchObject([body]);
    expectProblem(
      await api.call('POST', `${base}/versions/1/present`, { token: mas, body }),
      409,
      'ALREADY_EXISTS',
    );
    expectProblem(
      await api.call('POST', `${base}/versions/1/present`, {
        token: mas,
        body: { meeting: ' ', reference: '' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('POST', `${base}/versions/9/present`, { token: mas, body }),
      404,
      'NOT_FOUND',
    );
    expect(await versionBytes(1)).toEqual(version1);
  });

  it('keeps kvalitet’s own board copy apart from the MAS’s whole one', async () => {
    const kvalitet = await api.token('kvalitet');
    const own = await api.call<Draft>('GET', `${base}/draft`, { token: kvalitet });
    expect(own.body).toMatchObject({
      key: `patientsakerhetsberattelse:${year}@socialnamnden`,
      latestVersion: null,
    });
    expect((await api.call('GET', `${base}/versions`, { token: kvalitet })).body).toEqual([]);
  });
});
