import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import { byRequestSize } from '@kvalitet/messaging';
import { CaseCommandService, EventStore, OUTBOX_PARTITIONS, readPendingOutbox } from '@kvalitet/persistence';
import { runDeviationScenario } from '../support/case-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'apps/projector/src/dead-letters-cli.ts');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Issue 23: `npm run dead-letters` as an operator runs it, against a database of its own and a
 * namespace of its own (so the consumer names are `<namespace>.case-read-model` etc.): list, show and
 * replay a dead letter of the real case read model, through the same inbox as the live projector.
 */
describe('npm run dead-letters (the operator CLI, as a child process)', () => {
  let db: TestDatabase;
  const namespace = `kvalitet-${randomUUID().slice(0, 8)}`;
  const consumer = `${namespace}.case-read-model`;
  let caseId: string;
  let reported: EventEnvelope;
  let letterId: string;

  function cli(...args: string[]): Promise<CliResult> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        ['-r', '@swc-node/register', CLI, ...args],
        {
          cwd: ROOT,
          timeout: 120_000,
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            KAFKA_NAMESPACE: namespace,
            DEAD_LETTER_OPERATOR: 'drift-e2e',
            LOG_LEVEL: 'warn',
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          done({ code, stdout, stderr });
        },
      );
    });
  }

  async function insertDeadLetter(
    payload: string,
    eventId: string | null,
    error = 'Error: kunde inte projiceras',
  ): Promise<string> {
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts)
       VALUES ($1, $2, 3, '17', $3, $4, $5, 5) RETURNING id::text`,
      [consumer, topicForAggregate('case', namespace), eventId, payload, error],
    );
    return row!.id;
  }

  const readModelRow = async () =>
    (await db.dataSource.query(
      `SELECT id, case_number, type, unit_id, stage, version, description FROM rm_cases WHERE id = $1`,
      [caseId],
    )) as Record<string, unknown>[];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    const store = new EventStore(db.dataSource, { topicFor: (type) => topicForAggregate(type, namespace) });
    caseId = await runDeviationScenario(new CaseCommandService(store), 0, 0);
    // The message exactly as the outbox relay would have sent it to the case read model.
    const pending = await readPendingOutbox(
      db.dataSource.manager,
      Array.from({ length: OUTBOX_PARTITIONS }, (_, i) => i),
      100,
    );
    const row = pending.find((p) => p.event.aggregateId === caseId && p.event.type === 'CaseReported');
    expect(row).toBeDefined();
    reported = row!.event;
    const message = byRequestSize([row!])[0]![0]!.message;
    letterId = await insertDeadLetter(
      message.value,
      reported.id,
      'Error: deadlock vid projicering\n    at foldCaseEvents',
    );
    expect(await readModelRow()).toEqual([]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('list shows the open dead letter with its id, consumer, event type and error', async () => {
    const result = await cli('list');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`#${letterId} `);
    expect(result.stdout).toContain(consumer);
    expect(result.stdout).toContain('CaseReported');
    expect(result.stdout).toContain(caseId);
    expect(result.stdout).toContain('Error: deadlock vid projicering');
    expect(result.stdout).toContain('1 st / in all');
    const filtered = await cli('list', '--consumer', `${namespace}.statistics`);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toContain('Inga dead letters att hantera / no dead letters waiting.');
  });

  it('show ID prints the letter as JSON with the event as its payload', async () => {
    const result = await cli('show', letterId);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      id: letterId,
      consumer,
      eventId: reported.id,
      eventType: 'CaseReported',
      aggregateId: caseId,
      attempts: 5,
      replayedAt: null,
    });
    expect(shown['payload']).toEqual(reported);
  });

  it('replay ID hands the event to the case read model: exit 0 and the case is in rm_cases; a second replay changes nothing', async () => {
    const result = await cli('replay', letterId);
    expect(result.stderr).not.toMatch(/misslyckades|failed again/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`#${letterId} ${consumer} CaseReported: hanterad / handled`);
    expect(result.stdout).toContain(
      'Klart / done: 1 hanterade / handled, 0 redan hanterade / already handled, 0 redan uppspelade / already replayed, 0 misslyckades / failed.',
    );
    const after = await readModelRow();
    expect(after).toEqual([
      expect.objectContaining({ id: caseId, type: 'deviation', stage: 'reported', version: 1 }),
    ]);
    const [marked]: { replayed_by: string; replay_outcome: string; replayed_at: Date | null }[] =
      await db.dataSource.query(
        `SELECT replayed_by, replay_outcome, replayed_at FROM dead_letters WHERE id = $1`,
        [letterId],
      );
    expect(marked).toMatchObject({ replayed_by: 'drift-e2e', replay_outcome: 'handled' });
    expect(marked!.replayed_at).toBeInstanceOf(Date);
    const inbox: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2`,
      [consumer, reported.id],
    );
    expect(inbox).toHaveLength(1);

    const again = await cli('replay', letterId);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'redan uppspelad tidigare, inget ändrat / replayed before, nothing changed',
    );
    expect(again.stdout).toContain('1 redan uppspelade / already replayed');
    expect(await readModelRow()).toEqual(after);
    const [counters]: { reported: string }[] = await db.dataSource.query(
      `SELECT coalesce(sum(reported), 0) AS reported FROM rm_case_counters`,
    );
    expect(Number(counters!.reported)).toBe(1);
  });

  it('replay --all with nothing left says so; list then shows none, and --include-replayed shows the letter as replayed', async () => {
    const all = await cli('replay', '--all');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Inga dead letters att spela upp / nothing to replay.');
    const open = await cli('list');
    expect(open.code).toBe(0);
    expect(open.stdout).toContain('Inga dead letters att hantera / no dead letters waiting.');
    expect(open.stdout).not.toContain(`#${letterId} `);
    const everything = await cli('list', '--include-replayed');
    expect(everything.code).toBe(0);
    expect(everything.stdout).toMatch(
      new RegExp(`#${letterId} .*CaseReported.* — uppspelad / replayed \\S+ \\(handled, drift-e2e\\)`),
    );
  });

  it('usage errors exit 2 with a clear message: an id that does not exist, a missing id, an unknown command', async () => {
    const missing = await cli('replay', '999999');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('dead letter 999999 finns inte / does not exist');
    expect(missing.stderr).toContain('användning / usage');
    const show = await cli('show', '999999');
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('finns inte / does not exist');
    const noId = await cli('replay');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('replay behöver ett id eller --all / needs an id or --all');
    const unknown = await cli('rensa');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('okänt kommando / unknown command: rensa');
  });

  it('a dead letter that is not an event: list still works, replay exits 1 with "not an event" and the row stays open', async () => {
    const notJson = await insertDeadLetter(
      'inte json {',
      null,
      'Error: meddelandet är inte en giltig händelse (JSON)',
    );
    const truncated = await insertDeadLetter(
      '{"id":"7c0e',
      null,
      'Error: meddelandet är inte en giltig händelse (JSON)',
    );
    const notAnEvent = await insertDeadLetter(
      '{"hej":"svejs"}',
      null,
      'Error: meddelandet är inte en giltig händelse (JSON)',
    );

    const list = await cli('list');
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    for (const id of [notJson, truncated, notAnEvent])
      expect(list.stdout).toMatch(new RegExp(`#${id} .*\\(ingen händelse / not an event\\)`));
    const show = await cli('show', truncated);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: truncated, eventType: null, payload: '{"id":"7c0e' });

    for (const id of [notJson, truncated, notAnEvent]) {
      const result = await cli('replay', id);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`#${id} ${consumer}`);
      expect(result.stdout).toContain('misslyckades igen / failed again');
      // The CLI prints the first 100 characters of the error.
      expect(result.stdout).toContain(
        `dead letter ${id} är ingen händelse och kan inte spelas upp igen / is not an event`,
      );
      expect(result.stdout).toContain('1 misslyckades / failed.');
    }
    const rows: { replayed_at: Date | null }[] = await db.dataSource.query(
      `SELECT replayed_at FROM dead_letters WHERE id = ANY($1::bigint[])`,
      [[notJson, truncated, notAnEvent]],
    );
    expect(rows).toEqual([{ replayed_at: null }, { replayed_at: null }, { replayed_at: null }]);

    // --all reports each failure and exits 1; the replayed letter is not touched again.
    const all = await cli('replay', '--all', '--consumer', consumer);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(
      'Klart / done: 0 hanterade / handled, 0 redan hanterade / already handled, 0 redan uppspelade / already replayed, 3 misslyckades / failed.',
    );
  });
});
