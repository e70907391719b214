import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';

/**
 * Field checks shared by the command deciders. Each returns a refusal or `null`, so a decider can list
 * its checks and stop at the first refusal. Values are typed `unknown` because commands arrive from
 * outside (HTTP, workflows) and the decider is the last line of defence.
 */

/** Clients' clocks may run a little ahead of the server's; a "future" timestamp within this is accepted. */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function reasonFor(field: string, suffix: string): string {
  return `${field
    .replace(/\./g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()}_${suffix}`;
}

function capitalised(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function invalidField(field: string, message: string, suffix = 'INVALID'): CaseRefusal {
  return caseRefusal('VALIDATION_FAILED', reasonFor(field, suffix), message, field);
}

export function firstRefusal(...checks: ReadonlyArray<CaseRefusal | null>): CaseRefusal | null {
  return checks.find((check): check is CaseRefusal => check !== null) ?? null;
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** A required, non-blank string. `label` is the Swedish name of the field. */
export function checkRequiredText(value: unknown, field: string, label: string): CaseRefusal | null {
  if (isBlank(value)) return invalidField(field, `${capitalised(label)} måste anges.`, 'REQUIRED');
  return null;
}

/** An optional string: absent, or a string (blank counts as absent). */
export function checkOptionalText(value: unknown, field: string, label: string): CaseRefusal | null {
  if (value === undefined || value === null || typeof value === 'string') return null;
  return invalidField(field, `${capitalised(label)} måste vara text.`);
}

/** Trims an optional text; blank becomes `undefined`. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Trims a text already checked with `checkRequiredText`. */
export function requiredText(value: string): string {
  return value.trim();
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/** Milliseconds since the epoch of an ISO-8601 date-time with offset, or `null` if it is not one. */
export function parseDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (!isValidCalendarDate(year ?? 0, month ?? 0, day ?? 0)) return null;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  return isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

const DATE_TIME_HINT = 'en tidpunkt med datum, klockslag och tidszon, till exempel 2026-11-20T14:05:00+01:00';

export function checkDateTime(value: unknown, field: string, label: string): CaseRefusal | null {
  if (value === undefined || value === null || value === '')
    return invalidField(field, `${capitalised(label)} måste anges.`, 'REQUIRED');
  if (parseDateTime(value) === null)
    return invalidField(field, `${capitalised(label)} måste vara ${DATE_TIME_HINT}.`);
  return null;
}

/** A date-time with offset, or a calendar date (`2026-11-20`) when the time is not known. */
export function checkDateOrDateTime(value: unknown, field: string, label: string): CaseRefusal | null {
  if (value === undefined || value === null || value === '')
    return invalidField(field, `${capitalised(label)} måste anges.`, 'REQUIRED');
  if (isDate(value) || parseDateTime(value) !== null) return null;
  return invalidField(
    field,
    `${capitalised(label)} måste vara ett datum (2026-11-20) eller ${DATE_TIME_HINT}.`,
  );
}

export function checkNotInFuture(value: string, field: string, label: string, now: Date): CaseRefusal | null {
  const ms = parseDateTime(value);
  if (ms !== null && ms > now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    return invalidField(field, `${capitalised(label)} kan inte ligga i framtiden.`, 'IN_FUTURE');
  }
  return null;
}

/** Normalises a date-time to UTC (`…Z`); a calendar date is kept as it is. */
export function normalisedTimestamp(value: string): string {
  const ms = parseDateTime(value);
  return ms === null ? value : new Date(ms).toISOString();
}

export function checkOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  label: string,
): CaseRefusal | null {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return null;
  if (value === undefined || value === null || value === '')
    return invalidField(field, `${capitalised(label)} måste anges.`, 'REQUIRED');
  return invalidField(field, `${capitalised(label)} måste vara något av: ${allowed.join(', ')}.`);
}

export function checkOptionalBoolean(value: unknown, field: string, label: string): CaseRefusal | null {
  if (value === undefined || typeof value === 'boolean') return null;
  return invalidField(field, `${capitalised(label)} måste vara sant eller falskt.`);
}
