import { luhnCheckDigitValid } from './person-ref';

/**
 * A Swedish personnummer or samordningsnummer written inside free text (a description, an
 * investigation, a rationale, an action's title; issue 21, DATA-2). Found when the digits have the
 * form of one AND are one:
 *
 * - forms: `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN` (the person is 100 or older), `ÅÅÅÅMMDD-NNNN`, and the same
 *   without a separator (`ÅÅMMDDNNNN`, `ÅÅÅÅMMDDNNNN`); the separator may also be the en dash a word
 *   processor puts in. Digits directly before or after make it another number (an account, `+46…`).
 *   A space is not a separator: `261207 1430` is far more often a date and a time than a number.
 * - the date exists (samordningsnummer: day + 60) and is not in the future; a ten-digit number takes
 *   the latest century in which its date is not in the future, `+` the century before that, so
 *   `000229-…` is 29 February 2000 and `000229+…` (1900 was no leap year) is no number at all.
 * - the Luhn check digit over `ÅÅMMDDNNNK` is right.
 *
 * Phone numbers: the usual ways of writing one (`070-123 45 67`, `070-1234567`, `08-123 456 78`,
 * `+46701234567`) never have the form. Ten digits in one run that start with 0 (`0701234567`,
 * `0311234567`) can also be a personnummer of someone born 2000–2009; they count as one unless a word
 * for telephone (tel, telefon, mobil, ring, sms …) comes just before — a missed personnummer is worse
 * than a masked phone number. Case numbers (`LS-2026-0007`) and ISO dates never have the form.
 *
 * Masking (`maskPersonnummer`): every number found becomes `ÅÅMMDD-XXXX` — the whole number, birth date
 * included, in every form. Free text leaving the case (lists, the daily list and digest, mail,
 * in-app notices, PDFs and the IVO anmälan) also tells the unit, the day and what happened, and with
 * that a birth date alone identifies a resident of a small unit; nor does a reader there need to tell
 * two people apart by it (the case's `personRef` field keeps its own, date-keeping mask, ADR 0020). The
 * placeholder still says that a personnummer stood there. Digits that only look like a number (wrong
 * check digit, no such date) are left as written: they are not an identity, and masking them would
 * hide dates, times and reference numbers the reader needs.
 */
export interface PersonnummerInText {
  /** Index of the first character in the text. */
  readonly start: number;
  /** Index just after the last character. */
  readonly end: number;
  /** As written. */
  readonly text: string;
  readonly kind: 'personnummer' | 'samordningsnummer';
  /** `ÅÅÅÅMMDD-NNNN`, the form `personRef` is stored in. */
  readonly normalized: string;
}

export const MASKED_PERSONNUMMER = 'ÅÅMMDD-XXXX';

/** Digits in the form of a number; not a group of a UUID (`19121212-1212-4…`, `…-4abc-191212121212`), as in a link. */
const CANDIDATE = /(?<!\d|-[0-9a-f]{4}-)(\d{8}|\d{6})([-+\u2010\u2011\u2013]?)(\d{4})(?!\d|-[0-9a-f]{4}-)/gi;

const PHONE_WORD_BEFORE =
  /(?:^|[^\p{L}])(?:tel|tfn|telefon\p{L}*|mobil\p{L}*|ring\p{L}*|sms\p{L}*|växel\p{L}*|nås)(?:[^\p{L}\d]+(?:till|på|nr|nummer))?[^\p{L}\d]{0,12}$/iu;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

function fullYear(yy: number, month: number, day: number, plus: boolean, todayKey: number): number {
  const thisCentury = Math.floor(todayKey / 1_000_000) * 100;
  let year = thisCentury + yy;
  if (dayKey(year, month, day) > todayKey) year -= 100;
  return plus ? year - 100 : year;
}

function readAsPersonnummer(
  date: string,
  separator: string,
  serial: string,
  todayKey: number,
): Pick<PersonnummerInText, 'kind' | 'normalized'> | null {
  const month = Number(date.slice(-4, -2));
  const dayDigits = Number(date.slice(-2));
  const samordning = dayDigits > 60;
  const day = samordning ? dayDigits - 60 : dayDigits;
  if (month < 1 || month > 12 || day < 1) return null;
  const year =
    date.length === 8
      ? Number(date.slice(0, 4))
      : fullYear(Number(date.slice(0, 2)), month, day, separator === '+', todayKey);
  if (year < 1850 || day > daysInMonth(year, month) || dayKey(year, month, day) > todayKey) return null;
  if (!luhnCheckDigitValid(`${date.slice(-6)}${serial}`)) return null;
  return {
    kind: samordning ? 'samordningsnummer' : 'personnummer',
    normalized: `${String(year)}${date.slice(-4)}-${serial}`,
  };
}

function looksLikePhoneNumber(text: string, start: number, whole: string, separator: string): boolean {
  return (
    whole.length === 10 &&
    separator === '' &&
    whole.startsWith('0') &&
    PHONE_WORD_BEFORE.test(text.slice(Math.max(0, start - 40), start))
  );
}

/** Every personnummer and samordningsnummer in `text`, in order. `today` decides the century of ten digits. */
export function findPersonnummer(text: string, today: Date = new Date()): PersonnummerInText[] {
  const todayKey = dayKey(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate());
  const found: PersonnummerInText[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, date, separator, serial] = match as unknown as [string, string, string, string];
    const start = match.index;
    if (looksLikePhoneNumber(text, start, whole, separator)) continue;
    const read = readAsPersonnummer(date, separator, serial, todayKey);
    if (read) found.push({ start, end: start + whole.length, text: whole, ...read });
  }
  return found;
}

export function containsPersonnummer(text: string | null | undefined, today: Date = new Date()): boolean {
  return typeof text === 'string' && findPersonnummer(text, today).length > 0;
}

/** `text` with every personnummer and samordningsnummer in it replaced by `ÅÅMMDD-XXXX`. */
export function maskPersonnummer(text: string, today?: Date): string;
export function maskPersonnummer(text: string | null, today?: Date): string | null;
export function maskPersonnummer(text: string | undefined, today?: Date): string | undefined;
export function maskPersonnummer(
  text: string | null | undefined,
  today: Date = new Date(),
): string | null | undefined {
  if (typeof text !== 'string') return text;
  const found = findPersonnummer(text, today);
  if (found.length === 0) return text;
  let masked = '';
  let from = 0;
  for (const span of found) {
    masked += text.slice(from, span.start) + MASKED_PERSONNUMMER;
    from = span.end;
  }
  return masked + text.slice(from);
}

/**
 * What the api says on a report whose text seems to hold one. Sending is not refused: a report must
 * never be lost over its wording (a false alarm on a phone number included), and the number stays on
 * the case, where those who may read it need it; everywhere else it is masked.
 */
export const PERSONNUMMER_IN_TEXT_WARNING =
  'Texten verkar innehålla ett personnummer. Skriv inte personnummer i fritexten – numret visas bara i ärendet och döljs i listor, e-post och dokument.';
