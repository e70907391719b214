import type { Mailer } from './mailer';

/** What the delivery needs of the database: typeorm's DataSource, an EntityManager and pg's Pool all fit. */
export interface NotificationDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Something to tell people about a case, the same words in the bell and in the mail: no free text of
 * the case, only its number, the kind of thing and a link. `key` names the event it comes from, so a
 * replay or a retry finds it written and sent.
 */
export interface PersonNotification {
  readonly key: string;
  readonly kind: string;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly title: string;
  readonly body: string;
  /** Where in the web it is done, relative to the web's address (`/arenden/…`, `/uppgifter/…`). */
  readonly path: string;
  readonly details?: Record<string, unknown>;
  readonly at: string;
}

export interface PersonNotificationDeps {
  /** Where the bell items go (`user_notifications`): the caller's transaction, when it has one. */
  readonly db: NotificationDatabase;
  /** Sends on its own connection, so that a mail once sent stays recorded under its key whatever the caller's transaction does. */
  readonly mailer?: Pick<Mailer, 'send'>;
  /** Where the web runs, for the link in the mail. */
  readonly webUrl: string;
}

export interface PersonNotificationResult {
  readonly inApp: number;
  readonly mailed: number;
}

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

/** `immediately` unless the person chose otherwise (`notification_preferences`). */
export async function mailPreferencesOf(
  db: NotificationDatabase,
  usernames: readonly string[],
): Promise<Map<string, string>> {
  const found = rows<{ username: string; mail: string }>(
    await db.query(`SELECT username, mail FROM notification_preferences WHERE username = ANY($1::text[])`, [
      [...usernames],
    ]),
  );
  return new Map(usernames.map((u) => [u, found.find((r) => r.username === u)?.mail ?? 'immediately']));
}

export function noticeLink(webUrl: string, path: string): string {
  return `${webUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * One bell item per person and, for those who want mail at once, one mail each. Both are keyed by
 * the notification and the person (`<key>/<username>`): written and sent once, however often the
 * event is handled. People who chose a daily summary get theirs from `sendDailyNotificationSummaries`.
 */
export async function notifyPeople(
  deps: PersonNotificationDeps,
  notification: PersonNotification,
  usernames: readonly string[],
): Promise<PersonNotificationResult> {
  let inApp = 0;
  let mailed = 0;
  const people = [...new Set(usernames.map((u) => u.toLowerCase()))];
  for (const username of people) {
    const written = rows<{ key: string }>(
      await deps.db.query(
        `INSERT INTO user_notifications (key, username, kind, case_id, case_number, title, body, details, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [
          `${notification.key}/${username}`,
          username,
          notification.kind,
          notification.caseId,
          notification.caseNumber,
          notification.title,
          notification.body,
          JSON.stringify({ ...notification.details, path: notification.path }),
          notification.at,
        ],
      ),
    );
    inApp += written.length;
  }
  if (!deps.mailer || people.length === 0) return { inApp, mailed };
  const preferences = await mailPreferencesOf(deps.db, people);
  for (const username of people) {
    if (preferences.get(username) !== 'immediately') continue;
    try {
      const sent = await deps.mailer.send({
        key: `${notification.key}/${username}`,
        ...(notification.caseId ? { caseId: notification.caseId } : {}),
        to: [username],
        subject: notification.title,
        text: [
          notification.body,
          `Öppna i Kvalitetsledning: ${noticeLink(deps.webUrl, notification.path)}`,
          'Du kan välja att få en sammanfattning per dag, eller inga mejl, under Inställningar.',
        ].join('\n\n'),
      });
      if (!sent.duplicate) mailed++;
    } catch (error) {
      // A person written as a name rather than a username has no address: the bell only.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return { inApp, mailed };
}

export interface SummaryDay {
  /** The Stockholm day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly from: string;
  readonly to: string;
  /** The day in words for the subject ("7 december 2026"). */
  readonly label: string;
}

/** The bell's own daily list is mailed on its own; a summary repeats none of it. */
const NOT_SUMMARISED = ['daily_list'];

/**
 * The daily summary: for each person who chose it, one mail with the day's bell items (their
 * titles and links, nothing more), keyed by day and person so that a re-run sends nothing twice.
 */
export async function sendDailyNotificationSummaries(
  deps: { readonly db: NotificationDatabase; readonly mailer: Pick<Mailer, 'send'>; readonly webUrl: string },
  day: SummaryDay,
): Promise<{ people: number; mailed: number }> {
  const people = rows<{ username: string }>(
    await deps.db.query(
      `SELECT username FROM notification_preferences WHERE mail = 'daily_summary' ORDER BY username`,
    ),
  );
  let mailed = 0;
  let reached = 0;
  for (const { username } of people) {
    const items = rows<{ title: string; details: { path?: string } }>(
      await deps.db.query(
        `SELECT title, details FROM user_notifications
          WHERE username = $1 AND created_at >= $2 AND created_at < $3 AND NOT (kind = ANY($4::text[]))
          ORDER BY created_at, key`,
        [username, day.from, day.to, NOT_SUMMARISED],
      ),
    );
    if (items.length === 0) continue;
    reached++;
    try {
      const sent = await deps.mailer.send({
        key: `notification-summary:${day.date}:${username}`,
        to: [username],
        subject: `Dina notiser ${day.label}: ${items.length} ${items.length === 1 ? 'ny' : 'nya'}`,
        text: [
          `Det här hände i dina ärenden ${day.label}:`,
          items
            .map((item) =>
              item.details.path
                ? `– ${item.title}\n  ${noticeLink(deps.webUrl, item.details.path)}`
                : `– ${item.title}`,
            )
            .join('\n'),
          'Du får en sammanfattning per dag eftersom du har valt det under Inställningar.',
        ].join('\n\n'),
      });
      if (!sent.duplicate) mailed++;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return { people: reached, mailed };
}
