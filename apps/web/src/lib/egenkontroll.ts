import type { ControlFrequency } from '@kvalitet/domain';

export const FREQUENCY_LABELS: Readonly<Record<ControlFrequency, string>> = {
  yearly: 'En gång om året',
  half_yearly: 'Varje halvår',
  tertial: 'Varje tertial',
  quarterly: 'Varje kvartal',
  monthly: 'Varje månad',
};

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/**
 * An occurrence key of the api ("2026", "2026-H1", "2026-T2", "2026-Q3", "2026-M04") in plain
 * Swedish: "Helår 2026", "Halvår 1 2026", "Tertial 2 2026", "Kvartal 3 2026", "April 2026".
 */
export function occurrenceLabel(key: string): string {
  const match = /^(\d{4})(?:-([HTQM])(\d{1,2}))?$/.exec(key);
  if (!match) return key;
  const [, year, period, n] = match;
  if (!period) return `Helår ${year}`;
  const number = Number(n);
  switch (period) {
    case 'H':
      return `Halvår ${number} ${year}`;
    case 'T':
      return `Tertial ${number} ${year}`;
    case 'Q':
      return `Kvartal ${number} ${year}`;
    default: {
      const month = MONTHS[number - 1];
      return month ? `${month[0]!.toUpperCase()}${month.slice(1)} ${year}` : key;
    }
  }
}

/**
 * "1 mars 2026" for a `YYYY-MM-DD` date or an instant (Swedish time); an occurrence is due at the
 * start of the next period, so its last day is the day before (`lastDayOf`).
 */
export function longDate(value: string, lastDayOf = false): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const shifted = lastDayOf ? new Date(date.getTime() - 60_000) : date;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(shifted);
}

/**
 * Where on a register page an inbox task is done, from the task's duty key: a control ("control/<id>/…")
 * or an action ("action/<id>"); `null` for a step of the whole plan.
 */
export function taskTarget(dutyKey: string): { kind: 'control' | 'action'; id: string } | null {
  const [kind, id] = dutyKey.split('/');
  if ((kind === 'control' || kind === 'action') && id) return { kind, id };
  return null;
}

const has = (roles: readonly string[], wanted: readonly string[]) => roles.some((r) => wanted.includes(r));

/**
 * Which egenkontroll forms a user's roles open (mirrors the api's access policy, EK-5): kvalitet, the
 * förvaltningschef and the managers make and adopt plans; they and the SAS and the MAS record results.
 * The api decides for the single unit in any case.
 */
export function egenkontrollRights(roles: readonly string[]): { manage: boolean; record: boolean } {
  const manage = has(roles, ['quality_coordinator', 'director', 'unit_manager', 'division_manager']);
  return { manage, record: manage || has(roles, ['lex_sarah_investigator', 'mas']) };
}

/** Internkontroll (IK-1 … IK-3): kvalitet and the förvaltningschef run the plan; a control's responsible person records its result. */
export function internkontrollRights(
  roles: readonly string[],
  username: string,
): { manage: boolean; recordFor: (responsible: string) => boolean } {
  const manage = has(roles, ['quality_coordinator', 'director']);
  return { manage, recordFor: (responsible) => manage || responsible === username };
}
