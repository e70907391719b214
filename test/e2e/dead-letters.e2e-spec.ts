import { randomUUID } from 'node:crypto';
import { expectProblem, METRICS_AUTH, startApi, type TestApi } from './support/api-harness';

interface Summary {
  open: number;
  oldestAt: string | null;
  byConsumer: { consumer: string; open: number; oldestAt: string }[];
  replayCommand: string;
}

const PATH = '/api/v1/operations/dead-letters';
const SECRET_PAYLOAD = '{"personnummer":"19121212-1212","namn":"Tolvan Tolvansson"}';
const SECRET_ERROR = 'Error: kunde inte hantera Tolvan Tolvansson';

/**
 * Issue 23: the open dead letters (events a consumer stopped after repeated errors) as a summary for
 * kvalitet — counts and dates only, never payload or error — and as gauges on `/metrics`.
 */
describe('open dead letters: summary for kvalitet and gauges on /metrics (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A dead letter as the consumer runner writes it, `ageMinutes` old. */
  async function deadLetter(consumer: string, ageMinutes: number): Promise<string> {
    const rows: { id: string }[] = await api.db.dataSource.query(
      `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts, created_at)
       VALUES ($1, 'kvalitet.case.events.v1', 0, $2, $3, $4, $5, 5, now() - make_interval(mins => $6))
       RETURNING id`,
      [
        consumer,
        String(Math.floor(Math.random() * 1e6)),
        randomUUID(),
        SECRET_PAYLOAD,
        SECRET_ERROR,
        ageMinutes,
      ],
    );
    return String(rows[0]!.id);
  }

  async function replay(id: string): Promise<void> {
    await api.db.dataSource.query(
      `UPDATE dead_letters SET replayed_at = now(), replayed_by = 'drift', replay_outcome = 'handled' WHERE id = $1`,
      [id],
    );
  }

  const summary = async () => api.call<Summary>('GET', PATH, { token: await api.token('kvalitet') });

  const scrape = async () => {
    const response = await api.call('GET', '/metrics', { headers: METRICS_AUTH });
    expect(response.status).toBe(200);
    return response.text;
  };

  /** The value of one gauge series, or undefined when the series is absent. */
  const gauge = (text: string, name: string, consumer: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{consumer="${consumer}"} `));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('answers an empty summary when nothing is open', async () => {
    const response = await summary();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      open: 0,
      oldestAt: null,
      byConsumer: [],
      replayCommand: 'npm run dead-letters -- list',
    });
  });

  it('is for kvalitet only: 401 without a token, 403 problem+json for medarbetare and enhetschef', async () => {
    expectProblem(await api.call('GET', PATH), 401, 'UNAUTHENTICATED');
    for (const user of ['medarbetare', 'enhetschef'])
      expectProblem(await api.call('GET', PATH, { token: await api.token(user) }), 403, 'FORBIDDEN');
    expectProblem(
      await api.call('GET', `${PATH}?consumer=x`, { token: await api.token('kvalitet') }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('counts the open letters per consumer with the oldest date, never replayed ones, and shows no payload or error', async () => {
    await deadLetter('kvalitet.case-orchestrator', 90);
    await deadLetter('kvalitet.case-orchestrator', 30);
    await deadLetter('kvalitet.statistics', 10);
    const replayed = await deadLetter('kvalitet.case-read-model', 600);
    await replay(replayed);
    const before = Date.now();

    const response = await summary();
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.open).toBe(3);
    expect(body.byConsumer.map((c) => [c.consumer, c.open])).toEqual([
      ['kvalitet.case-orchestrator', 2],
      ['kvalitet.statistics', 1],
    ]);
    const minutesAgo = (iso: string | null) => Math.round((before - Date.parse(iso ?? '')) / 60_000);
    expect(minutesAgo(body.oldestAt)).toBe(90);
    expect(minutesAgo(body.byConsumer[0]!.oldestAt)).toBe(90);
    expect(minutesAgo(body.byConsumer[1]!.oldestAt)).toBe(10);
    expect(response.text).not.toContain('Tolvan');
    expect(response.text).not.toContain('19121212');
    expect(response.text).not.toMatch(/payload|error/i);
  });

  it('shows kvalitet_dead_letters_open and _oldest_age_seconds per consumer on /metrics, and a replayed consumer drops to 0', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE kvalitet_dead_letters_open gauge');
    expect(text).toContain('# TYPE kvalitet_dead_letters_oldest_age_seconds gauge');
    expect(gauge(text, 'kvalitet_dead_letters_open', 'kvalitet.case-orchestrator')).toBe(2);
    expect(gauge(text, 'kvalitet_dead_letters_open', 'kvalitet.statistics')).toBe(1);
    expect(gauge(text, 'kvalitet_dead_letters_open', 'kvalitet.case-read-model')).toBeUndefined();
    const age = gauge(text, 'kvalitet_dead_letters_oldest_age_seconds', 'kvalitet.case-orchestrator')!;
    expect(age).toBeGreaterThanOrEqual(90 * 60);
    expect(age).toBeLessThan(95 * 60);
    expect(text).not.toContain('Tolvan');

    // Drift replays the statistics consumer's only letter: its gauges read 0, not the last value.
    const [statistics] = (await api.db.dataSource.query(
      `SELECT id FROM dead_letters WHERE consumer = 'kvalitet.statistics' AND replayed_at IS NULL`,
    )) as { id: string }[];
    await replay(String(statistics!.id));
    const after = await scrape();
    expect(gauge(after, 'kvalitet_dead_letters_open', 'kvalitet.statistics')).toBe(0);
    expect(gauge(after, 'kvalitet_dead_letters_oldest_age_seconds', 'kvalitet.statistics')).toBe(0);
    expect(gauge(after, 'kvalitet_dead_letters_open', 'kvalitet.case-orchestrator')).toBe(2);
    expect((await summary()).body).toMatchObject({
      open: 2,
      byConsumer: [{ consumer: 'kvalitet.case-orchestrator', open: 2 }],
    });
  });

  it('is in the OpenAPI document with its schema and problem answers', async () => {
    const doc = await api.call<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>('GET', '/api/v1/openapi.json');
    const operation = doc.body.paths[PATH]?.['get'];
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(Object.keys(doc.body.components.schemas['DeadLetterSummaryDto']?.properties ?? {}).sort()).toEqual(
      ['byConsumer', 'oldestAt', 'open', 'replayCommand'],
    );
  });
});
