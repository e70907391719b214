import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3AttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { jpegWithLocation } from '../support/photo-with-location';
import { waitUntil } from '../support/app-process';
import { freePort, startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';

/**
 * Attachments in S3-compatible object storage (issue 21) against a real S3 server started here
 * (infra/s3.sh: MinIO if its binary is cached, else moto's server from PyPI): the storage class on
 * its own, then the api configured with ATTACHMENTS_S3_* — the row keeps the facts and no bytes,
 * the object holds the photo without its position, and the download reads it back.
 */
const REPO = resolve(__dirname, '../..');
const BUCKET = 'kvalitet-bilagor';
const CREDENTIALS = { accessKeyId: 'kvalitet', secretAccessKey: 'kvalitet-s3-test' };

describe('attachments in S3-compatible storage (issue 21)', () => {
  let server: ChildProcess;
  let endpoint: string;
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
    endpoint = `http://127.0.0.1:${port}`;
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
  }, 660_000);

  afterAll(async () => {
    await api?.close();
    client?.destroy();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  it('puts, gets and discards an object', async () => {
    const storage = new S3AttachmentStorage('kvalitet-bilagor', 'test/', client);
    const bytes = Buffer.from('%PDF-1.4\nett dokument\n%%EOF\n');
    const stored = await storage.put('00000000-0000-4000-8000-000000000001', 'application/pdf', bytes);
    expect(stored).toEqual({ storage: 's3', key: 'test/00000000-0000-4000-8000-000000000001' });
    const head = await client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'test/00000000-0000-4000-8000-000000000001' }),
    );
    expect(head.ContentType).toBe('application/pdf');
    expect((await storage.get(stored)).equals(bytes)).toBe(true);
    await storage.discard(stored);
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: stored.storage === 's3' ? stored.key : '' })),
    ).rejects.toThrow();
  });

  it('the api keeps an uploaded photo in the bucket, without its position, and downloads it', async () => {
    api = await startApi({
      ATTACHMENTS_S3_BUCKET: BUCKET,
      ATTACHMENTS_S3_ENDPOINT: endpoint,
      ATTACHMENTS_S3_REGION: 'eu-north-1',
      ATTACHMENTS_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      ATTACHMENTS_SCAN: 'off',
    });
    const staff = await api.token('medarbetare');
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: staff,
      body: report('deviation', 'solgarden', 'Fallolycka i korridoren'),
    });
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('step', 'report');
    form.append(
      'file',
      new Blob([new Uint8Array(jpegWithLocation())], { type: 'image/jpeg' }),
      'korridor.jpg',
    );
    const uploaded = await fetch(`${api.baseUrl}/api/v1/cases/${created.body.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string; scanned: boolean };
    expect(attachment.scanned).toBe(false);

    const rows: { storage: string; storage_key: string; content: Buffer | null }[] =
      await api.db.dataSource.query('SELECT storage, storage_key, content FROM attachments WHERE id = $1', [
        attachment.id,
      ]);
    expect(rows[0]).toEqual({ storage: 's3', storage_key: `attachments/${attachment.id}`, content: null });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: rows[0]!.storage_key }));
    const stored = Buffer.from(await object.Body!.transformToByteArray());
    expect(stored.includes(Buffer.from('GPSLatitude'))).toBe(false);

    const download = await fetch(
      `${api.baseUrl}/api/v1/cases/${created.body.id}/attachments/${attachment.id}`,
      {
        headers: { authorization: `Bearer ${staff}` },
      },
    );
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(stored)).toBe(true);
  });
});
