import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { eraseCaseCopies } from '@kvalitet/persistence';
import { jpegWithLocation } from '../support/photo-with-location';
import { waitUntil } from '../support/app-process';
import { freePort, startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';

/**
 * The erasure of a case reaches its attachments in S3-compatible storage (issue 21, DATA-2): the rows
 * go in the erasure's transaction, the object keys are queued with them, and the api removes the
 * objects from the bucket (a real S3 server from infra/s3.sh) and then the queued keys.
 */
const REPO = resolve(__dirname, '../..');
const BUCKET = 'kvalitet-gallring';
const CREDENTIALS = { accessKeyId: 'kvalitet', secretAccessKey: 'kvalitet-s3-test' };

describe('erasing a case removes its attachments from S3-compatible storage (issue 21, DATA-2)', () => {
  let server: ChildProcess;
  let client: S3Client;
  let api: TestApi | undefined;

  beforeAll(async () => {
    const ensured = spawnSync('bash', ['infra/s3.sh', 'ensure'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (ensured.status !== 0) throw new Error(`infra/s3.sh ensure: ${ensured.stderr}`);
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    server = spawn(
      'bash',
      ['infra/s3.sh', 'start', String(port), mkdtempSync(join(tmpdir(), 'kvalitet-s3-'))],
      {
        cwd: REPO,
        stdio: 'ignore',
        detached: true,
      },
    );
    await waitUntil(
      () =>
        fetch(endpoint).then(
          () => true,
          () => false,
        ),
      60_000,
      `S3-servern svarar på ${endpoint}`,
    );
    client = new S3Client({ endpoint, region: 'eu-north-1', forcePathStyle: true, credentials: CREDENTIALS });
    await client.send(
      new CreateBucketCommand({
        Bucket: BUCKET,
        CreateBucketConfiguration: { LocationConstraint: 'eu-north-1' },
      }),
    );
    api = await startApi({
      ATTACHMENTS_S3_BUCKET: BUCKET,
      ATTACHMENTS_S3_ENDPOINT: endpoint,
      ATTACHMENTS_S3_REGION: 'eu-north-1',
      ATTACHMENTS_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      ATTACHMENTS_SCAN: 'off',
      ATTACHMENTS_REMOVAL_INTERVAL_SECONDS: '1',
    });
  }, 660_000);

  afterAll(async () => {
    await api?.close();
    client?.destroy();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  it('deletes the rows, queues the keys and the api removes the objects from the bucket', async () => {
    const staff = await api!.token('medarbetare');
    const created = await api!.call<{ id: string }>('POST', '/api/v1/cases', {
      token: staff,
      body: report('deviation', 'solgarden', 'Fallolycka i matsalen'),
    });
    expect(created.status).toBe(201);
    const keys: string[] = [];
    for (const name of ['matsal.jpg', 'golv.jpg']) {
      const form = new FormData();
      form.append('step', 'report');
      form.append('file', new Blob([new Uint8Array(jpegWithLocation())], { type: 'image/jpeg' }), name);
      const uploaded = await fetch(`${api!.baseUrl}/api/v1/cases/${created.body.id}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}` },
        body: form,
      });
      expect(uploaded.status).toBe(201);
      keys.push(`attachments/${((await uploaded.json()) as { id: string }).id}`);
    }
    for (const key of keys) await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

    const erased = await api!.db.dataSource.transaction((manager) =>
      eraseCaseCopies(manager, created.body.id),
    );
    expect(erased.tables.attachments).toBe(2);

    const objectGone = (key: string) =>
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
        () => false,
        () => true,
      );
    await waitUntil(
      async () => (await Promise.all(keys.map(objectGone))).every(Boolean),
      30_000,
      'bilagornas objekt är borttagna ur bucketen',
    );
    await waitUntil(
      async () =>
        (
          (await api!.db.dataSource.query(
            `SELECT count(*)::int AS n FROM attachment_object_removals WHERE storage_key = ANY($1::text[])`,
            [keys],
          )) as { n: number }[]
        )[0]!.n === 0,
      30_000,
      'kön över objekt att ta bort är tom',
    );
    const rows: unknown[] = await api!.db.dataSource.query(`SELECT id FROM attachments WHERE case_id = $1`, [
      created.body.id,
    ]);
    expect(rows).toEqual([]);
  });
});
