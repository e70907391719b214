import type { FieldError } from '../api/client';
import { rowKeys } from './row-keys';

/** The ledningsgrupp's meeting calendar as the api keeps it (GET/PUT /api/v1/meeting-calendar). */
export interface Meeting {
  date: string;
  time?: string;
  title?: string;
}

export interface MeetingCalendar {
  version: number;
  meetings: Meeting[];
  changedAt?: string;
  changedBy?: string;
}

export interface SavedMeetingCalendar extends MeetingCalendar {
  schedule: { scheduleId: string; updated: boolean; message: string };
}

/** One editable row; `key` keeps React's identity of a row while its date is being typed. */
export interface MeetingDraft {
  key: string;
  date: string;
  time: string;
  title: string;
}

const newKey = rowKeys('m');

export function toDrafts(meetings: readonly Meeting[]): MeetingDraft[] {
  return meetings.map((m) => ({ key: newKey(), date: m.date, time: m.time ?? '', title: m.title ?? '' }));
}

export function emptyDraft(): MeetingDraft {
  return { key: newKey(), date: '', time: '', title: '' };
}

/** The body of the PUT: rows in the order shown (the api's field errors name these indexes), blanks left out. */
export function fromDrafts(
  drafts: readonly MeetingDraft[],
  version: number,
): { version: number; meetings: Meeting[] } {
  return {
    version,
    meetings: drafts.map((d) => ({
      date: d.date.trim(),
      ...(d.time.trim() ? { time: d.time.trim() } : {}),
      ...(d.title.trim() ? { title: d.title.trim() } : {}),
    })),
  };
}

/** The api's messages for one field of one row (`meetings[2].date`), without the field's JSON name. */
export function rowError(
  errors: readonly FieldError[],
  index: number,
  field: 'date' | 'time' | 'title',
): string | undefined {
  const name = `meetings[${index}].${field}`;
  const match = errors.find((e) => e.field === name);
  if (!match) return undefined;
  return match.message.replace(`Fältet ${name} `, 'Fältet ');
}

/** Errors about the list itself (`meetings`: too many, missing). */
export function listError(errors: readonly FieldError[]): string | undefined {
  return errors.find((e) => e.field === 'meetings')?.message.replace('Listan meetings ', 'Listan ');
}
