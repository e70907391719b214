import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AttachmentConfig } from './attachments.config';

/** Where an attachment's bytes live: in its own row (`postgres`) or in a bucket under a key (`s3`). */
export type StoredContent = { storage: 'postgres'; content: Buffer } | { storage: 's3'; key: string };

export interface AttachmentStorage {
  readonly kind: 'postgres' | 's3';
  /** Puts the bytes where they are kept and says how the row finds them again. */
  put(id: string, contentType: string, bytes: Buffer): Promise<StoredContent>;
  get(stored: StoredContent): Promise<Buffer>;
  /** Undoes a put whose row was never written. */
  discard(stored: StoredContent): Promise<void>;
  /** Removes the objects under these keys (an erased case's files); the keys it could not remove. */
  removeObjects(keys: readonly string[]): Promise<string[]>;
}

/** The embedded default: the bytes go into the attachment's row, in the same transaction as its facts. */
export class PostgresAttachmentStorage implements AttachmentStorage {
  readonly kind = 'postgres' as const;

  put(_id: string, _contentType: string, bytes: Buffer): Promise<StoredContent> {
    return Promise.resolve({ storage: 'postgres', content: bytes });
  }

  get(stored: StoredContent): Promise<Buffer> {
    if (stored.storage !== 'postgres') throw new Error('bilagan ligger inte i databasen');
    return Promise.resolve(stored.content);
  }

  discard(): Promise<void> {
    return Promise.resolve();
  }

  removeObjects(keys: readonly string[]): Promise<string[]> {
    return Promise.resolve([...keys]);
  }
}

/** S3-compatible object storage (AWS S3, MinIO, Ceph …) through the AWS SDK's S3 client. */
export class S3AttachmentStorage implements AttachmentStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
    client: S3Client,
  ) {
    this.client = client;
  }

  static fromConfig(config: AttachmentConfig & { ATTACHMENTS_S3_BUCKET: string }): S3AttachmentStorage {
    const client = new S3Client({
      region: config.ATTACHMENTS_S3_REGION,
      forcePathStyle: config.ATTACHMENTS_S3_FORCE_PATH_STYLE === 'true',
      ...(config.ATTACHMENTS_S3_ENDPOINT ? { endpoint: config.ATTACHMENTS_S3_ENDPOINT } : {}),
      ...(config.ATTACHMENTS_S3_ACCESS_KEY_ID && config.ATTACHMENTS_S3_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: config.ATTACHMENTS_S3_ACCESS_KEY_ID,
              secretAccessKey: config.ATTACHMENTS_S3_SECRET_ACCESS_KEY,
            },
          }
        : {}),
    });
    return new S3AttachmentStorage(config.ATTACHMENTS_S3_BUCKET, config.ATTACHMENTS_S3_PREFIX, client);
  }

  async put(id: string, contentType: string, bytes: Buffer): Promise<StoredContent> {
    const key = `${this.prefix}${id}`;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
    return { storage: 's3', key };
  }

  async get(stored: StoredContent): Promise<Buffer> {
    if (stored.storage !== 's3') throw new Error('bilagan ligger inte i objektlagringen');
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: stored.key }));
    if (!answer.Body) throw new Error('tomt svar från objektlagringen');
    return Buffer.from(await answer.Body.transformToByteArray());
  }

  async discard(stored: StoredContent): Promise<void> {
    if (stored.storage !== 's3') return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: stored.key }));
  }

  async removeObjects(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    // S3 answers a key that is already gone as deleted, so a removal retried after a crash is harmless.
    const answer = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    return (answer.Errors ?? []).flatMap((e) => (e.Key ? [e.Key] : []));
  }
}

export function attachmentStorageFor(config: AttachmentConfig): AttachmentStorage {
  const bucket = config.ATTACHMENTS_S3_BUCKET;
  return bucket
    ? S3AttachmentStorage.fromConfig({ ...config, ATTACHMENTS_S3_BUCKET: bucket })
    : new PostgresAttachmentStorage();
}
