import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import {
  caseNoticesFor,
  evolveCase,
  usernamesOf,
  type CaseEvent,
  type CaseState,
  type Organisation,
} from '@kvalitet/domain';
import { notifyPeople, type Mailer } from '@kvalitet/notifications';
import { isNews, lazyMailer } from './notification-delivery';
import { EventStore } from '@kvalitet/persistence';

export const PERSON_NOTIFICATIONS = 'person-notifications';

/** The case events that tell someone something (`caseNoticesFor`); the others are passed by unread. */
const NOTIFYING = new Set([
  'CaseReported',
  'TaskCreated',
  'CaseAssigned',
  'DeadlineReminderSent',
  'DeadlineMissed',
]);

export interface PersonNotificationsOptions {
  readonly namespace?: string;
  readonly organisation: Organisation;
  /** Where the web runs, for the links in the mail (`KVALITET_WEB_URL`). */
  readonly webUrl: string;
  /** Absent: one from the mail configuration, on the consumer's own database. */
  readonly mailer?: Pick<Mailer, 'send'>;
  readonly clock?: () => Date;
}

/**
 * Case events → the bell and mail of the people they concern (issue 21, "Notifications"): a new lex
 * Sarah or lex Maria report, a new task, an assignment, a reminder, an escalation. The case is read
 * as it stood right after each event, from the event store (the read model may be behind). The bell
 * items join the consumer's transaction; the mail is recorded under its own key on its own
 * connection, so a batch handled again finds it sent.
 */
export function createPersonNotificationsConsumer(options: PersonNotificationsOptions) {
  const clock = options.clock ?? (() => new Date());
  const mailerFor = lazyMailer(options.mailer);
  return {
    consumerName: `${options.namespace ?? 'kvalitet'}.${PERSON_NOTIFICATIONS}`,
    topics: [topicForAggregate('case', options.namespace)],
    failureMessage: 'händelsen kunde inte meddelas de berörda',
    handleBatch: async (events: EventEnvelope[], manager: EntityManager): Promise<void> => {
      const now = clock().getTime();
      const news = events.filter(
        (e) => e.aggregateType === 'case' && NOTIFYING.has(e.type) && isNews(e, now),
      );
      if (news.length === 0) return;
      const store = new EventStore(manager.connection);
      for (const caseId of new Set(news.map((e) => e.aggregateId))) {
        const wanted = new Set(news.filter((e) => e.aggregateId === caseId).map((e) => e.id));
        let state: CaseState = null;
        for (const event of await store.load(caseId, manager)) {
          state = evolveCase(state, { type: event.type, data: event.data } as unknown as CaseEvent);
          if (!state || !wanted.has(event.id)) continue;
          const notices = caseNoticesFor(
            { type: event.type, data: event.data } as unknown as CaseEvent,
            state,
          );
          for (const [index, notice] of notices.entries()) {
            await notifyPeople(
              { db: manager, mailer: mailerFor(manager), webUrl: options.webUrl },
              {
                key: `notice/${event.id}/${index}`,
                kind: notice.kind,
                caseId: state.id,
                caseNumber: state.caseNumber,
                title: notice.title,
                body: notice.body,
                path: `/arenden/${state.id}`,
                details: notice.taskId ? { taskId: notice.taskId, taskKind: notice.taskKind } : {},
                at: event.occurredAt,
              },
              usernamesOf(options.organisation, notice.recipients),
            );
          }
        }
      }
    },
  };
}
