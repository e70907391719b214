/** How a person wants mail about their notifications; the bell shows every item whatever they choose. */
export const MAIL_PREFERENCES = ['immediately', 'daily_summary', 'off'] as const;

export type MailPreference = (typeof MAIL_PREFERENCES)[number];

/** Nobody has to choose: a person without a choice gets each notification by mail at once. */
export const DEFAULT_MAIL_PREFERENCE: MailPreference = 'immediately';

export const MAIL_PREFERENCE_LABELS: Readonly<Record<MailPreference, string>> = {
  immediately: 'Direkt, ett mejl per händelse',
  daily_summary: 'En sammanfattning per dag',
  off: 'Inga mejl, bara klockan i appen',
};

export function isMailPreference(value: unknown): value is MailPreference {
  return typeof value === 'string' && (MAIL_PREFERENCES as readonly string[]).includes(value);
}
