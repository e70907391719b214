import { stockholmOffsetMinutes, stockholmWallClockToInstant, STOCKHOLM_TIME_ZONE } from '@kvalitet/domain';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "2026-11-20 14:05" in Swedish time; a bare date stays a date. Empty for null. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

/**
 * How far a due date is from now, in plain Swedish: "om 3 timmar", "om 2 dagar", "försenad 5 dagar",
 * "försenad 20 minuter".
 */
export function describeDue(dueAt: string, now: number = Date.now(), inHours = false): string {
  const diff = new Date(dueAt).getTime() - now;
  const abs = Math.abs(diff);
  const minutes = Math.round(abs / 60_000);
  const hours = Math.round(abs / 3_600_000);
  const days = Math.round(abs / 86_400_000);
  const amount =
    minutes < 60
      ? `${minutes} ${minutes === 1 ? 'minut' : 'minuter'}`
      : hours < 48 || inHours
        ? `${hours} ${hours === 1 ? 'timme' : 'timmar'}`
        : `${days} dagar`;
  return diff < 0 ? `försenad ${amount}` : `om ${amount}`;
}

/** `<input type="datetime-local">` value ("2026-11-20T14:05") → ISO with the Stockholm offset. */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const instant = stockholmWallClockToInstant({ year: y, month: mo, day: d, hour: h, minute: mi });
  const offset = stockholmOffsetMinutes(instant);
  const local = new Date(instant.getTime() + offset * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offset >= 0 ? '+' : '-';
  const off = Math.abs(offset);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/**
 * A last day typed as `2026-06-30` → the end of that day in Stockholm (the day counts, summer or winter
 * time); anything else is passed on as typed, for the api to refuse at the field.
 */
export function lastDayToIso(value: string): string {
  const day = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? (localInputToIso(`${day}T23:59`) ?? day) : day;
}

/** The Stockholm calendar day `days` days after `now` (today by default), `YYYY-MM-DD`. */
export function stockholmDay(days = 0, now: Date = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
}

/** Today in Stockholm, `YYYY-MM-DD`. */
export function todayInStockholm(now: Date = new Date()): string {
  return stockholmDay(0, now);
}

/** The current Stockholm time as a datetime-local value, for defaults. */
export function nowAsLocalInput(now: Date = new Date()): string {
  const offset = stockholmOffsetMinutes(now);
  return new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 16);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('sv-SE').format(n);
}

const dayInWords = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const clock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});

/** "10 december 2026 kl. 20:26" in Swedish time, as people write it. Empty for null. */
export function formatDateTimeInWords(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return `${dayInWords.format(date)} kl. ${clock.format(date)}`;
}
