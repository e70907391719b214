/**
 * `personRef` — the reference to the person a case concerns (DATA-1) — is either a pseudonym (initials,
 * an internal reference) or a Swedish personnummer or samordningsnummer. An identity number is checked
 * as Skatteverket defines it (a date that exists, the samordningsnummer's day + 60, the Luhn check
 * digit), stored in one form (`ÅÅÅÅMMDD-NNNN`) and shown masked (`ÅÅÅÅMMDD-****`) wherever the full
 * number is not needed (issue 24, DATA-2). A pseudonym may not carry an identity number inside it, so
 * masking never leaves half a number or a name next to one.
 */
export type PersonRefCheck =
  | { readonly kind: 'pseudonym'; readonly value: string }
  | { readonly kind: 'personnummer' | 'samordningsnummer'; readonly value: string }
  | { readonly kind: 'invalid'; readonly reason: PersonRefInvalidReason };

export type PersonRefInvalidReason = 'date' | 'check_digit' | 'inside_pseudonym';

/** A whole value in the form of an identity number: `ÅÅÅÅMMDD-NNNN`, `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN`, or digits only. */
const ID_NUMBER = /^(\d{8}|\d{6})([-+]?)(\d{4})$/;

/** Anything in the form of an identity number inside a longer text (also with a space as separator). */
const ID_NUMBER_INSIDE = /(?<!\d)(\d{8}|\d{6})([-+ ]?)(\d{4})(?!\d)/g;

/** The Luhn check over the ten digits `ÅÅMMDDNNNK` (Skatteverket SKV 704). */
export function luhnCheckDigitValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    const product = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10 === Number(tenDigits[9]);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYYMMDD` of a day, comparable as text. */
function dayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/**
 * The century of a ten-digit number: the latest year ending in `yy` whose date is not after today;
 * `+` (Skatteverket's sign for a person of 100 years or more) takes the century before that.
 */
function fullYear(yy: number, month: number, birthDay: number, plus: boolean, today: Date): number {
  const thisYear = today.getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + yy;
  const todayKey = dayKey(thisYear, today.getUTCMonth() + 1, today.getUTCDate());
  if (dayKey(year, month, birthDay) > todayKey) year -= 100;
  return plus ? year - 100 : year;
}

/**
 * Checks a `personRef` as the api receives it (trimmed). A value in the form of an identity number is
 * a personnummer or samordningsnummer that must exist; any other value is a pseudonym, unless an
 * identity number hides in it.
 */
export function checkPersonRef(raw: string, today: Date = new Date()): PersonRefCheck {
  const value = raw.trim();
  const match = ID_NUMBER.exec(value);
  if (!match) {
    ID_NUMBER_INSIDE.lastIndex = 0;
    return ID_NUMBER_INSIDE.test(value)
      ? { kind: 'invalid', reason: 'inside_pseudonym' }
      : { kind: 'pseudonym', value };
  }
  const [, date, separator, serial] = match as unknown as [string, string, string, string];
  if (date.length === 8 && separator === '+') return { kind: 'invalid', reason: 'date' };
  const yy = Number(date.slice(-6, -4));
  const month = Number(date.slice(-4, -2));
  const dayDigits = Number(date.slice(-2));
  const samordning = dayDigits > 60;
  const day = samordning ? dayDigits - 60 : dayDigits;
  if (month < 1 || month > 12 || day < 1) return { kind: 'invalid', reason: 'date' };
  const year =
    date.length === 8 ? Number(date.slice(0, 4)) : fullYear(yy, month, day, separator === '+', today);
  const todayKey = dayKey(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate());
  if (year < 1850 || day > daysInMonth(year, month) || dayKey(year, month, day) > todayKey)
    return { kind: 'invalid', reason: 'date' };
  if (!luhnCheckDigitValid(`${date.slice(-6)}${serial}`)) return { kind: 'invalid', reason: 'check_digit' };
  return {
    kind: samordning ? 'samordningsnummer' : 'personnummer',
    value: `${String(year)}${date.slice(-4)}-${serial}`,
  };
}

/**
 * The reference as shown to those who do not need the identity: every identity number in it keeps its
 * date and loses its last four digits (`19121212-****`). Also masks values stored before the check
 * existed; a pseudonym without a number is returned as it is.
 */
export function maskPersonRef(value: string): string;
export function maskPersonRef(value: string | null): string | null;
export function maskPersonRef(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(
    ID_NUMBER_INSIDE,
    (_whole, date: string, separator: string) => `${date}${separator === '+' ? '+' : '-'}****`,
  );
}

/** Swedish text for a refused `personRef`, for the api's 400. */
export const PERSON_REF_INVALID_MESSAGES: Readonly<Record<PersonRefInvalidReason, string>> = {
  date: 'Fältet personRef ser ut som ett personnummer eller samordningsnummer men datumet finns inte (ÅÅÅÅMMDD-NNNN; för samordningsnummer dag + 60).',
  check_digit:
    'Fältet personRef ser ut som ett personnummer eller samordningsnummer men kontrollsiffran stämmer inte.',
  inside_pseudonym:
    'Fältet personRef får vara antingen ett personnummer/samordningsnummer (ÅÅÅÅMMDD-NNNN) eller en pseudonym utan personnummer, inte båda i samma text.',
};
