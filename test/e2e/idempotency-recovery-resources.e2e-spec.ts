import { randomUUID } from 'node:crypto';
import { startApi, expectProblem, type TestApi } from './support/api-harness';
import { crashWindow, type CrashWindow } from './support/crash-window';

interface Created {
  id: string;
  version: number;
  reference?: string;
}

const DECISION = { decidedBy: 'forvaltningschef', decidedOn: '2026-01-15', reference: 'FC 2026/12' };

interface Kind {
  name: string;
  path: string;
  user: string;
  body: Record<string, unknown>;
  /** Where Location points, before the id. */
  location: string;
}

/** Creates whose aggregate id is the Idempotency-Key's claim (CreateRoute, and the registers with free ids). */
const KINDS: Kind[] = [
  {
    name: 'risk assessment (RA-1)',
    path: '/api/v1/risk-assessments',
    user: 'enhetschef',
    body: {
      title: 'Fall vid förflyttning nattetid',
      unitId: 'solgarden',
      trigger: 'deviation_pattern',
      risks: [{ description: 'Brukare faller vid förflyttning', probability: 3, severity: 4 }],
    },
    location: '/api/v1/risk-assessments/',
  },
  {
    name: 'improvement proposal',
    path: '/api/v1/improvement-proposals',
    user: 'medarbetare',
    body: {
      unitId: 'solgarden',
      title: 'Checklista vid skiftbyte',
      description: 'Vi missar information vid skiftbyte.',
    },
    location: '/api/v1/improvement-proposals/',
  },
  {
    name: 'routine (PR-1)',
    path: '/api/v1/routines',
    user: 'kvalitet',
    body: {
      kind: 'routine',
      level: 3,
      code: 'RUT-IDEM-01',
      title: 'Rapportera lex Sarah',
      unitId: 'solgarden',
      owner: 'enhetschef',
      revisionInterval: 'P1Y',
    },
    location: '/api/v1/routines/',
  },
  {
    name: 'appointment (R-15)',
    path: '/api/v1/appointments',
    user: 'kvalitet',
    body: { role: 'sas', holder: 'sas', decision: DECISION, validFrom: '2026-01-01' },
    location: '/api/v1/appointments/',
  },
];

/**
 * ADR 0009 for every creating route, not only cases: the api is killed with kill -9 after the
 * resource is committed but before its answer is stored (a trigger holds the UPDATE that stores it).
 * The retry with the same key and body, after the lease ran out, answers 201 with the committed
 * resource (same id, Location and reference), exactly one aggregate exists, and the next retry is a
 * replay of that answer.
 */
describe('Idempotency-Key: kill -9 between commit and answer, for every kind of resource', () => {
  let api: TestApi;
  let crash: CrashWindow;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi({ IDEMPOTENCY_LEASE_SECONDS: '1' });
    crash = crashWindow(api);
    for (const user of ['enhetschef', 'medarbetare', 'kvalitet']) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await crash?.cleanUp();
    await api?.close();
  });

  const q = (sql: string, params: unknown[] = []) => api.db.dataSource.query(sql, params);

  const claimOf = async (key: string) =>
    (
      (await q(`SELECT aggregate_id, status FROM idempotency_keys WHERE key = $1`, [key])) as {
        aggregate_id: string;
        status: string;
      }[]
    )[0]!;

  const aggregatesOfType = async (type: string) =>
    (
      (
        await q(`SELECT count(DISTINCT aggregate_id)::int AS n FROM events WHERE aggregate_type = $1`, [type])
      )[0] as {
        n: number;
      }
    ).n;

  /** Sends the first request, kills the api once its answer is being stored, and restarts it. */
  async function crashAfterCommit(send: () => Promise<unknown>): Promise<void> {
    await crash.hold('idempotency_keys');
    const first = send().catch((error: unknown) => error);
    await crash.crashWhileHeld('idempotency_keys');
    expect(String(await first)).toMatch(/fetch failed|socket|ECONNRESET/i); // the client never got an answer
    await crash.restart();
  }

  it.each(KINDS)('$name: the retry answers 201 with the committed resource, once', async (kind) => {
    const key = `crash-${randomUUID()}`;
    const send = () =>
      api.call<Created>('POST', kind.path, {
        token: tokens[kind.user]!,
        body: kind.body,
        headers: { 'idempotency-key': key },
      });
    await crashAfterCommit(send);

    const claim = await claimOf(key);
    expect(claim.status).toBe('in_progress');
    const committed = (await q(
      `SELECT aggregate_type, data FROM events WHERE aggregate_id = $1 ORDER BY version`,
      [claim.aggregate_id],
    )) as { aggregate_type: string; data: Record<string, unknown> }[];
    expect(committed.length).toBeGreaterThan(0); // durable before the crash, under the claim's id
    const type = committed[0]!.aggregate_type;
    const before = await aggregatesOfType(type);

    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull(); // rebuilt by running the handler again
    expect(retry.body.id).toBe(claim.aggregate_id);
    expect(retry.headers.get('location')).toBe(`${kind.location}${claim.aggregate_id}`);
    if (committed[0]!.data['reference'] !== undefined)
      expect(retry.body.reference).toBe(committed[0]!.data['reference']);
    expect(await aggregatesOfType(type)).toBe(before); // no second one
    expect((await claimOf(key)).status).toBe('completed');

    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(retry.headers.get('location'));
    expect(again.body).toEqual(retry.body);
  });

  it('a reference allocated by the crashed run is not taken twice (risk assessments stay gap-free)', async () => {
    const created = await api.call<Created>('POST', '/api/v1/risk-assessments', {
      token: tokens['enhetschef']!,
      body: KINDS[0]!.body,
    });
    expect(created.status).toBe(201);
    const references = (await q(
      `SELECT data->>'reference' AS reference FROM events WHERE aggregate_type = 'risk_assessment' AND version = 1 ORDER BY position`,
    )) as { reference: string }[];
    const numbers = references.map((r) => Number(r.reference.slice(-4)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i)); // consecutive: the retry's rolled-back allocation left no gap
  });

  it('a plan under a natural id (one per unit and year) is recovered only by the key that made it', async () => {
    const body = {
      unitId: 'solgarden',
      year: new Date().getFullYear() - 1,
      controls: [
        {
          kind: 'loggkontroll',
          title: 'Loggkontroll',
          method: 'Stickprov i åtkomstloggen',
          frequency: 'quarterly',
          responsible: 'enhetschef',
        },
      ],
    };
    const key = `crash-plan-${randomUUID()}`;
    const send = (idempotencyKey?: string) =>
      api.call<Created>('POST', '/api/v1/egenkontroll/plans', {
        token: tokens['enhetschef']!,
        body,
        headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
      });
    await crashAfterCommit(() => send(key));
    const plans = (await q(
      `SELECT aggregate_id, metadata->>'correlationId' AS correlation FROM events WHERE aggregate_type = 'egenkontroll' AND version = 1`,
    )) as { aggregate_id: string; correlation: string }[];
    expect(plans).toHaveLength(1);
    expect(plans[0]!.correlation).toBe((await claimOf(key)).aggregate_id); // the key's id marks the plan as its own

    const retry = await send(key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(plans[0]!.aggregate_id);
    expect(retry.headers.get('location')).toBe(`/api/v1/egenkontroll/plans/${plans[0]!.aggregate_id}`);
    expect((await send(key)).headers.get('idempotent-replayed')).toBe('true');

    // Another key, or none, with the same body is another request: the plan exists (409), as before.
    expectProblem(await send(`other-${randomUUID()}`), 409, 'ALREADY_EXISTS');
    expectProblem(await send(), 409, 'ALREADY_EXISTS');
    expect(
      (
        (
          await q(
            `SELECT count(*)::int AS n FROM events WHERE aggregate_type = 'egenkontroll' AND version = 1`,
          )
        )[0] as {
          n: number;
        }
      ).n,
    ).toBe(1);
  });
});
