/** Intake channels (api.md; CT-1: staff may register any type for someone, with its channel). */
export const CHANNELS = ['staff_form', 'web', 'email', 'letter', 'phone', 'visit', 'contact_center'] as const;

export type CaseChannel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<CaseChannel, string>> = {
  staff_form: 'Rapport från personal',
  web: 'Webb',
  email: 'E-post',
  letter: 'Brev',
  phone: 'Telefon',
  visit: 'Besök',
  contact_center: 'Kontaktcenter',
};

export function isCaseChannel(value: unknown): value is CaseChannel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
