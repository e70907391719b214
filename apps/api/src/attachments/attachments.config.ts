import { z } from 'zod';

/**
 * The attachment settings of the api (issue 21). The bytes go to Postgres unless ATTACHMENTS_S3_BUCKET
 * is set; then to that S3-compatible bucket, with the endpoint, region and keys given here.
 */
export const attachmentConfigVariables = {
  /** Largest accepted file in bytes; default 10 MB. */
  ATTACHMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ATTACHMENTS_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'måste vara ett giltigt bucketnamn (gemener, siffror, punkt, bindestreck)',
    )
    .optional(),
  /** An S3-compatible server (MinIO, Ceph, a cloud's); unset: AWS's own for the region. */
  ATTACHMENTS_S3_ENDPOINT: z.string().url().optional(),
  ATTACHMENTS_S3_REGION: z.string().min(1).default('eu-north-1'),
  ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the path (`https://host/bucket/key`), as most S3-compatible servers want. */
  ATTACHMENTS_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  ATTACHMENTS_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "bara bokstäver a–z, siffror och !_.*'()/-")
    .default('attachments/'),
  /**
   * `auto`: ClamAV if it is installed with a virus database (clamdscan when its daemon runs, else
   * clamscan); `off`: no scan (stated to the people who upload). `required`: refuse to start without one.
   */
  ATTACHMENTS_SCAN: z.enum(['auto', 'off', 'required']).default('auto'),
  /** A ClamAV database directory or file for clamscan (`-d`), e.g. a local signature file. */
  ATTACHMENTS_CLAMAV_DATABASE: z.string().min(1).optional(),
  /** How often the objects of erased attachments are removed from the bucket (S3 only). */
  ATTACHMENTS_REMOVAL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
};

export interface AttachmentConfig {
  ATTACHMENTS_MAX_BYTES: number;
  ATTACHMENTS_S3_BUCKET?: string | undefined;
  ATTACHMENTS_S3_ENDPOINT?: string | undefined;
  ATTACHMENTS_S3_REGION: string;
  ATTACHMENTS_S3_ACCESS_KEY_ID?: string | undefined;
  ATTACHMENTS_S3_SECRET_ACCESS_KEY?: string | undefined;
  ATTACHMENTS_S3_FORCE_PATH_STYLE: 'true' | 'false';
  ATTACHMENTS_S3_PREFIX: string;
  ATTACHMENTS_SCAN: 'auto' | 'off' | 'required';
  ATTACHMENTS_CLAMAV_DATABASE?: string | undefined;
  ATTACHMENTS_REMOVAL_INTERVAL_SECONDS?: number | undefined;
}

/** What is wrong with the S3 settings taken together, or null. */
export function attachmentStorageProblem(
  config: AttachmentConfig,
): { variable: string; message: string } | null {
  const s3Set = Object.entries(config).some(
    ([name, value]) =>
      name.startsWith('ATTACHMENTS_S3_') &&
      value !== undefined &&
      !['ATTACHMENTS_S3_REGION', 'ATTACHMENTS_S3_FORCE_PATH_STYLE', 'ATTACHMENTS_S3_PREFIX'].includes(name),
  );
  if (!s3Set) return null;
  if (!config.ATTACHMENTS_S3_BUCKET)
    return {
      variable: 'ATTACHMENTS_S3_BUCKET',
      message: 'krävs när någon annan ATTACHMENTS_S3_-variabel är satt',
    };
  if (!config.ATTACHMENTS_S3_ACCESS_KEY_ID !== !config.ATTACHMENTS_S3_SECRET_ACCESS_KEY)
    return {
      variable: config.ATTACHMENTS_S3_ACCESS_KEY_ID
        ? 'ATTACHMENTS_S3_SECRET_ACCESS_KEY'
        : 'ATTACHMENTS_S3_ACCESS_KEY_ID',
      message: 'ATTACHMENTS_S3_ACCESS_KEY_ID och ATTACHMENTS_S3_SECRET_ACCESS_KEY sätts tillsammans',
    };
  return null;
}
