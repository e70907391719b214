import { addDaysToLocalDate, type LocalDate } from '../calendar/local-date';
import { stockholmDateOf, stockholmStartOfDay } from '../calendar/stockholm-time';
import { CASE_STAGE_LABELS, type CaseStage } from '../cases/case-stage';
import { CASE_TYPE_LABELS, HSL_CASE_TYPES, type CaseType } from '../cases/case-type';

/**
 * The daily list (DL-16 "Daily: new deviations listed for SAS, MAS"; LC-5 "manager and SAS see it
 * daily"): at 07:00 Stockholm time each statutory role gets the previous day's new deviations of its
 * area. Pure: the worker reads the cases and delivers; this decides what goes on whose list.
 */
export const DAILY_LIST_ROLES = ['sas', 'mas'] as const;
export type DailyListRole = (typeof DAILY_LIST_ROLES)[number];

/**
 * Each list's area, the same as the statutory roles' handling rights (apps/api access policy,
 * COMMAND_RIGHTS: lex_sarah_investigator on deviation and lex_sarah — SoL/LSS; mas on hsl_deviation
 * and lex_maria — HSL). Both roles read every case; the list is about what is theirs to act on.
 */
export const DAILY_LIST_TYPES: Readonly<Record<DailyListRole, readonly CaseType[]>> = {
  sas: ['deviation', 'lex_sarah'],
  mas: HSL_CASE_TYPES,
};

export const DAILY_LIST_ROLE_LABELS: Readonly<Record<DailyListRole, string>> = {
  sas: 'SAS (socialt ansvarig samordnare)',
  mas: 'MAS (medicinskt ansvarig sjuksköterska)',
};

/** The demo recipients (usernames) of each list; the worker's `DAILY_LIST_RECIPIENTS_<ROLE>` overrides. */
export const DEFAULT_DAILY_LIST_RECIPIENTS: Readonly<Record<DailyListRole, readonly string[]>> = {
  sas: ['sas'],
  mas: ['mas'],
};

export const DAILY_LIST_HOUR = 7;

/** The Stockholm day a list covers: [from, to), 23 or 25 hours long on the days the clocks change. */
export interface DailyListDay {
  readonly date: LocalDate;
  readonly from: string;
  readonly to: string;
}

/** The day before the Stockholm date of `scheduledAt` (the run's scheduled time, so a caught-up run lists the day it missed). */
export function dailyListDayFor(scheduledAt: Date): DailyListDay {
  const date = addDaysToLocalDate(stockholmDateOf(scheduledAt), -1);
  return {
    date,
    from: stockholmStartOfDay(date).toISOString(),
    to: stockholmStartOfDay(addDaysToLocalDate(date, 1)).toISOString(),
  };
}

/** A case as the list reads it: no free text, no names (api.md v1.1: reports never carry free text). */
export interface DailyListCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  readonly unitId: string;
  readonly reportedAt: string;
  readonly category: string | null;
  readonly stage: CaseStage;
}

export interface DailyListItem extends DailyListCase {
  readonly typeLabel: string;
  readonly unitName: string;
  readonly stageLabel: string;
}

export interface DailyList {
  readonly role: DailyListRole;
  readonly day: DailyListDay;
  readonly items: readonly DailyListItem[];
}

/** The cases of `role`'s area reported during `day`, oldest first (by reportedAt, then number). */
export function dailyListFor(
  role: DailyListRole,
  day: DailyListDay,
  cases: readonly DailyListCase[],
  unitNames: Readonly<Record<string, string>> = {},
): DailyList {
  const from = Date.parse(day.from);
  const to = Date.parse(day.to);
  const types = DAILY_LIST_TYPES[role];
  const items = cases
    .filter((c) => {
      const at = Date.parse(c.reportedAt);
      return types.includes(c.type) && at >= from && at < to;
    })
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.caseNumber.localeCompare(b.caseNumber))
    .map((c) => ({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      type: c.type,
      unitId: c.unitId,
      reportedAt: c.reportedAt,
      category: c.category,
      stage: c.stage,
      typeLabel: CASE_TYPE_LABELS[c.type],
      unitName: unitNames[c.unitId] ?? c.unitId,
      stageLabel: CASE_STAGE_LABELS[c.stage],
    }));
  return { role, day, items };
}

const TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', timeStyle: 'short' });

/** The list as the in-app item and the mail say it, with a link to each case under `webUrl`. */
export function dailyListMessage(list: DailyList, webUrl: string): { title: string; body: string } {
  const base = webUrl.replace(/\/+$/, '');
  const count = list.items.length;
  const title = `Dagens lista ${list.day.date}: ${count === 0 ? 'inga nya avvikelser' : `${count} ${count === 1 ? 'ny avvikelse' : 'nya avvikelser'}`}`;
  const lines =
    count === 0
      ? [`Inga nya avvikelser inom ditt område rapporterades ${list.day.date}.`]
      : [
          `Nya avvikelser inom ditt område (${DAILY_LIST_TYPES[list.role].map((t) => CASE_TYPE_LABELS[t]).join(', ')}) rapporterade ${list.day.date}:`,
          ...list.items.map(
            (i) =>
              `– ${i.caseNumber} ${i.typeLabel}, ${i.unitName}, kl. ${TIME.format(new Date(i.reportedAt))}, ${i.category ?? 'ej kategoriserad'}, ${i.stageLabel.toLowerCase()}: ${base}/arenden/${i.caseId}`,
          ),
          'Listan innehåller ingen fritext ur ärendena; den läses i ärendet.',
        ];
  return { title, body: lines.join('\n') };
}
