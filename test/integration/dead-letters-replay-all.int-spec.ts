import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { topicForAggregate } from '@kvalitet/contracts';
import { byRequestSize } from '@kvalitet/messaging';
import { CaseCommandService, EventStore, OUTBOX_PARTITIONS, readPendingOutbox } from '@kvalitet/persistence';
import { runDeviationScenario } from '../support/case-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ROOT = resolve(__dirname, '../..');

/**
 * Issue 20: after a fix, `npm run dead-letters -- replay --all` hands every open dead letter to its
 * consumer's own handler and inbox (the logic of issue 23, reused), telling the operator how far it
 * has come, and `list` is empty afterwards. The single-letter commands are covered by
 * test/e2e/dead-letters-cli.e2e-spec.ts.
 */
describe('npm run dead-letters -- replay --all after a fix', () => {
  let db: TestDatabase;
  const namespace = `kvalitet-${randomUUID().slice(0, 8)}`;
  const consumer = `${namespace}.case-read-model`;
  const caseIds: string[] = [];

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        ['-r', '@swc-node/register', resolve(ROOT, 'apps/projector/src/dead-letters-cli.ts'), ...args],
        {
          cwd: ROOT,
          timeout: 120_000,
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            KAFKA_NAMESPACE: namespace,
            DEAD_LETTER_OPERATOR: 'drift-int',
            LOG_LEVEL: 'warn',
          },
        },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    const store = new EventStore(db.dataSource, { topicFor: (type) => topicForAggregate(type, namespace) });
    const cases = new CaseCommandService(store);
    for (const index of [0, 1, 2]) caseIds.push(await runDeviationScenario(cases, index, 0));
    const pending = await readPendingOutbox(
      db.dataSource.manager,
      Array.from({ length: OUTBOX_PARTITIONS }, (_, i) => i),
      100,
    );
    // Each case's report became a dead letter of the case read model, as the relay sent it.
    for (const caseId of caseIds) {
      const row = pending.find((p) => p.event.aggregateId === caseId && p.event.type === 'CaseReported')!;
      await db.dataSource.query(
        `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts)
         VALUES ($1, $2, 0, $3, $4, $5, 'Error: read model table missing', 5)`,
        [
          consumer,
          topicForAggregate('case', namespace),
          String(caseIds.indexOf(caseId)),
          row.event.id,
          byRequestSize([row])[0]![0]!.message.value,
        ],
      );
    }
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('replays every open letter with progress, all land in the read model, list is empty, a second run has nothing to do', async () => {
    const before = await cli('list');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('3 st / in all');

    const all = await cli('replay', '--all');
    expect({ code: all.code, stderr: all.stderr }).toEqual({ code: 0, stderr: '' });
    for (const step of ['[1/3]', '[2/3]', '[3/3]']) expect(all.stdout).toContain(step);
    expect(all.stdout.match(/: hanterad \/ handled/g)).toHaveLength(3);
    expect(all.stdout).toContain('Klart / done: 3 hanterade / handled, 0 redan hanterade');

    const inReadModel: { id: string }[] = await db.dataSource.query(
      `SELECT id FROM rm_cases WHERE id = ANY($1::uuid[])`,
      [caseIds],
    );
    expect(inReadModel.map((r) => r.id).sort()).toEqual([...caseIds].sort());
    const marked: { replayed_by: string; replay_outcome: string }[] = await db.dataSource.query(
      `SELECT replayed_by, replay_outcome FROM dead_letters WHERE consumer = $1`,
      [consumer],
    );
    expect(marked).toEqual(Array(3).fill({ replayed_by: 'drift-int', replay_outcome: 'handled' }));

    expect((await cli('list')).stdout).toContain('Inga dead letters att hantera');
    expect((await cli('replay', '--all')).stdout).toContain(
      'Inga dead letters att spela upp / nothing to replay.',
    );
  }, 180_000);
});
