import { apiConfigSchema } from '../config/api-config.schema';

const BASE = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_MODE: 'dev',
};

describe('attachment settings in the api config (issue 21)', () => {
  it('stores in Postgres with a 10 MB limit when nothing is set', () => {
    const config = apiConfigSchema.parse(BASE);
    expect(config.ATTACHMENTS_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(config.ATTACHMENTS_S3_BUCKET).toBeUndefined();
    expect(config.ATTACHMENTS_SCAN).toBe('auto');
  });

  it('takes a complete S3 configuration', () => {
    const config = apiConfigSchema.parse({
      ...BASE,
      ATTACHMENTS_S3_BUCKET: 'kvalitet-bilagor',
      ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:9000',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'a',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(config.ATTACHMENTS_S3_FORCE_PATH_STYLE).toBe('true');
  });

  it.each([
    [{ ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'ATTACHMENTS_S3_BUCKET'],
    [
      { ATTACHMENTS_S3_BUCKET: 'kvalitet-bilagor', ATTACHMENTS_S3_ACCESS_KEY_ID: 'a' },
      'ATTACHMENTS_S3_SECRET_ACCESS_KEY',
    ],
    [{ ATTACHMENTS_S3_BUCKET: 'Inte_Giltig' }, 'ATTACHMENTS_S3_BUCKET'],
    [{ ATTACHMENTS_S3_ENDPOINT: 'inte en adress', ATTACHMENTS_S3_BUCKET: 'b-b' }, 'ATTACHMENTS_S3_ENDPOINT'],
    [{ ATTACHMENTS_MAX_BYTES: '0' }, 'ATTACHMENTS_MAX_BYTES'],
  ])('refuses %j naming %s', (variables, named) => {
    const result = apiConfigSchema.safeParse({ ...BASE, ...variables });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(named);
  });
});
