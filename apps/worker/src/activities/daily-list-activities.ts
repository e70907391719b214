import {
  DAILY_LIST_TYPES,
  DEFAULT_DAILY_LIST_RECIPIENTS,
  dailyListFor,
  dailyListMessage,
  type CaseStage,
  type CaseType,
  type DailyListCase,
  type DailyListRole,
  type Organisation,
} from '@kvalitet/domain';
import { sendDailyNotificationSummaries, type Mailer } from '@kvalitet/notifications';
import { organisation } from '@kvalitet/runtime';
import type { DailyListActivities, DeliverDailyListRequest, DeliveredDailyList } from '@kvalitet/workflows';
import { recipientsFromEnv } from './report-activities';

/** What the delivery needs of the database: typeorm's DataSource and pg's Pool both fit. */
interface DailyListDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface DailyListActivityDeps {
  readonly db: DailyListDatabase;
  readonly mailer: Pick<Mailer, 'send'>;
  /** Where the web runs, for the links to the cases (`KVALITET_WEB_URL`). */
  readonly webUrl?: string;
  readonly recipients?: Readonly<Record<DailyListRole, readonly string[]>>;
  readonly unitNames?: Readonly<Record<string, string>>;
  readonly organisation?: Organisation;
  readonly clock?: () => Date;
}

export const DAILY_LIST_NOTIFICATION_KIND = 'daily_list';

/** `DAILY_LIST_RECIPIENTS_SAS=sas,anna` overrides who gets a list (usernames or addresses). */
export function dailyListRecipientsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Record<DailyListRole, readonly string[]> {
  return recipientsFromEnv('DAILY_LIST_RECIPIENTS', DEFAULT_DAILY_LIST_RECIPIENTS, env);
}

interface CaseRow {
  id: string;
  case_number: string;
  type: CaseType;
  unit_id: string;
  reported_at: Date | string;
  category: string | null;
  stage: CaseStage;
}

/**
 * Recipients who see the same cases get the same list (ADR 0030): a user of the directory the cases
 * of the boards they serve, an address configured by drift the whole list. One group keeps the key
 * of one list per day and role; several add the group's boards to it.
 */
function recipientGroups(
  to: readonly string[],
  org: Organisation,
): { key: string; unitIds: Set<string> | null; to: string[] }[] {
  const groups = new Map<string, { key: string; unitIds: Set<string> | null; to: string[] }>();
  for (const recipient of to) {
    const user = recipient.includes('@') ? undefined : org.findUser(recipient.toLowerCase());
    const boards = user && org.hasBoards ? org.boardsOf(user) : null;
    const key = boards ? boards.join('+') : 'alla';
    const group = groups.get(key) ?? {
      key,
      unitIds: boards ? new Set(org.unitsOfBoards(boards)) : null,
      to: [],
    };
    group.to.push(recipient);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** "7 december 2026" for `2026-12-07`. */
function dayInWords(date: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

/**
 * The daily list's one side effect per role (DL-16): read the day's cases of the role's area from the
 * case read model (no free text is selected), then write one in-app item per recipient and one mail.
 * Both are keyed by day and role (`daily-list:<date>:<role>`): a retried activity or a re-run of the
 * schedule finds them written and sends nothing twice. A day without new deviations still gets its
 * in-app item (the list ran and was empty) but no mail.
 */
export function createDailyListActivities(deps: DailyListActivityDeps): DailyListActivities {
  const clock = deps.clock ?? (() => new Date());
  const recipients = deps.recipients ?? DEFAULT_DAILY_LIST_RECIPIENTS;
  const org = deps.organisation ?? organisation();
  const unitNames = deps.unitNames ?? Object.fromEntries(org.units.map((u) => [u.id, u.name]));
  const webUrl = deps.webUrl ?? 'http://localhost:3000';
  return {
    async deliverDailyList({ role, day }: DeliverDailyListRequest): Promise<DeliveredDailyList> {
      const found = rows<CaseRow>(
        await deps.db.query(
          `SELECT id, case_number, type, unit_id, reported_at, category, stage
             FROM rm_cases WHERE reported_at >= $1 AND reported_at < $2 AND type = ANY($3)`,
          [day.from, day.to, DAILY_LIST_TYPES[role]],
        ),
      );
      const cases: DailyListCase[] = found.map((r) => ({
        caseId: r.id,
        caseNumber: r.case_number,
        type: r.type,
        unitId: r.unit_id,
        reportedAt: new Date(r.reported_at).toISOString(),
        category: r.category,
        stage: r.stage,
      }));
      const groups = recipientGroups(recipients[role], org);
      let inApp = 0;
      let mailed = false;
      for (const group of groups) {
        const seen = group.unitIds === null ? cases : cases.filter((c) => group.unitIds!.has(c.unitId));
        const list = dailyListFor(role, day, seen, unitNames);
        const message = dailyListMessage(list, webUrl);
        const key =
          groups.length === 1
            ? `daily-list:${day.date}:${role}`
            : `daily-list:${day.date}:${role}:${group.key}`;
        const details = { role, date: day.date, from: day.from, to: day.to, items: list.items };
        for (const username of group.to.filter((r) => !r.includes('@'))) {
          const written = rows<{ key: string }>(
            await deps.db.query(
              `INSERT INTO user_notifications (key, username, kind, case_id, case_number, title, body, details, created_at)
               VALUES ($1, $2, $3, NULL, NULL, $4, $5, $6::jsonb, $7)
               ON CONFLICT (key) DO NOTHING RETURNING key`,
              [
                `${key}:${username.toLowerCase()}`,
                username.toLowerCase(),
                DAILY_LIST_NOTIFICATION_KIND,
                message.title,
                message.body,
                JSON.stringify(details),
                clock().toISOString(),
              ],
            ),
          );
          inApp += written.length;
        }
        if (list.items.length > 0) {
          const sent = await deps.mailer.send({
            key,
            to: group.to,
            subject: message.title,
            text: message.body,
          });
          mailed ||= !sent.duplicate;
        }
      }
      const count = dailyListFor(role, day, cases, unitNames).items.length;
      return { role, count, inApp, mailed };
    },

    async deliverNotificationSummaries({ day }) {
      return sendDailyNotificationSummaries(
        { db: deps.db, mailer: deps.mailer, webUrl },
        { ...day, label: dayInWords(day.date) },
      );
    },
  };
}
