import {
  APPOINTMENT_DECISION_TYPE_LABELS,
  APPOINTMENT_ROLE_LABELS,
  DECIDING_BODY_LABELS,
  type AppointmentDecisionType,
  type AppointmentRole,
  type DecidingBody,
} from '@kvalitet/domain';
import { roleLabel } from './labels';

/** "1 roll saknar förordnande", "2 roller saknar förordnande" (AUD-5). */
export function missingRolesHeading(count: number): string {
  return `${count} ${count === 1 ? 'roll' : 'roller'} saknar förordnande`;
}

const LONG_DATE = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-03-01` → "1 mars 2026". */
export function longDate(date: string | null | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date ?? '';
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}

export function validityText(validFrom: string, validTo: string | null): string {
  return validTo === null
    ? `Från ${longDate(validFrom)}, tills vidare`
    : `${longDate(validFrom)} – ${longDate(validTo)}`;
}

export function roleText(role: string): string {
  return APPOINTMENT_ROLE_LABELS[role as AppointmentRole] ?? 'Okänd roll';
}

export function decisionTypeText(type: string | null): string {
  return type === null ? '' : (APPOINTMENT_DECISION_TYPE_LABELS[type as AppointmentDecisionType] ?? '');
}

export function decidingBodyText(body: string): string {
  return DECIDING_BODY_LABELS[body as DecidingBody] ?? 'Okänt organ';
}

/** A delegation to a role reads "Förvaltningschef (alla med rollen)"; a person by name when known. */
export function holderText(a: {
  holder: string;
  holderRole: string | null;
  holderName: string | null;
}): string {
  if (a.holderRole !== null) return `${roleLabel(a.holderRole)} (alla med rollen)`;
  return a.holderName ?? a.holder;
}

export type InformationStanding = 'overdue' | 'soon' | 'ok' | 'left';

const DAY = 86_400_000;

/** Where a person's lex Sarah information stands (DL-29): late, due within 30 days, or fine. */
export function informationStanding(
  record: { status: string; nextDue: string | null },
  today: string,
): InformationStanding {
  if (record.status === 'left' || record.nextDue === null) return record.status === 'left' ? 'left' : 'ok';
  if (record.nextDue <= today) return 'overdue';
  const days = (Date.parse(`${record.nextDue}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY;
  return days <= 30 ? 'soon' : 'ok';
}

const STANDING_ORDER: Readonly<Record<InformationStanding, number>> = { overdue: 0, soon: 1, ok: 2, left: 3 };

/** Late first, then due soon, each by due date; then the rest by name. */
export function byStanding<
  T extends { status: string; nextDue: string | null; name: string | null; username: string },
>(records: readonly T[], today: string): T[] {
  return [...records].sort(
    (a, b) =>
      STANDING_ORDER[informationStanding(a, today)] - STANDING_ORDER[informationStanding(b, today)] ||
      (a.nextDue ?? '').localeCompare(b.nextDue ?? '') ||
      (a.name ?? a.username).localeCompare(b.name ?? b.username, 'sv'),
  );
}

export const INFORMATION_METHOD_LABELS: Readonly<Record<string, string>> = {
  introduktion: 'Vid introduktionen',
  apt: 'På arbetsplatsträff',
  e_utbildning: 'E-utbildning',
  samtal: 'Enskilt samtal',
  annat: 'På annat sätt',
};

export { todayInStockholm } from './format';
