import { z } from 'zod';
import { DEFAULT_MAIL_DOMAIN, DEFAULT_MAIL_FROM } from './mailer';

/**
 * Mail settings shared by the api and the worker (validated at start): SMTP_URL absent means the local capture in
 * Postgres (the embedded default).
 */
export const mailConfigSchema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'måste vara en smtp://- eller smtps://-adress')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default(DEFAULT_MAIL_FROM),
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'måste vara en domän')
    .default(DEFAULT_MAIL_DOMAIN),
});

export type MailConfig = z.infer<typeof mailConfigSchema>;

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = mailConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `felaktig e-postkonfiguration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
