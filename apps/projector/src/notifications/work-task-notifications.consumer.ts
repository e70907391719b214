import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import {
  REGISTER_TASKS_OPENED_EVENT,
  WORK_TASK_CREATED_EVENTS,
  registerTaskNoticesFor,
  usernamesOf,
  workTaskNoticeFor,
  type Organisation,
} from '@kvalitet/domain';
import { notifyPeople, type Mailer } from '@kvalitet/notifications';
import { isNews, lazyMailer } from './notification-delivery';
import { EventStore } from '@kvalitet/persistence';
import { ledningssystemTopics } from '../projections/ledningssystem-orchestrator';

export const WORK_TASK_NOTIFICATIONS = 'work-task-notifications';

export interface WorkTaskNotificationsOptions {
  readonly namespace?: string;
  readonly organisation: Organisation;
  readonly webUrl: string;
  readonly mailer?: Pick<Mailer, 'send'>;
  readonly clock?: () => Date;
}

/**
 * New tasks of risk assessments, improvement work and the registers' duties, and their escalations
 * → the bell and mail of whoever holds them (issue 21, "Notifications"), through the same delivery
 * as the case notices (`notifyPeople`: keyed by event, so a replayed batch sends nothing twice; mail
 * preferences respected). The reference (RA-…, FF-…) is read from the stream's first event.
 */
export function createWorkTaskNotificationsConsumer(options: WorkTaskNotificationsOptions) {
  const clock = options.clock ?? (() => new Date());
  const mailerFor = lazyMailer(options.mailer);
  const creating: ReadonlySet<string> = new Set([...WORK_TASK_CREATED_EVENTS, REGISTER_TASKS_OPENED_EVENT]);
  const deliver = (manager: EntityManager) => ({
    db: manager,
    mailer: mailerFor(manager),
    webUrl: options.webUrl,
  });
  return {
    consumerName: `${options.namespace ?? 'kvalitet'}.${WORK_TASK_NOTIFICATIONS}`,
    topics: [
      topicForAggregate('risk_assessment', options.namespace),
      topicForAggregate('improvement', options.namespace),
      ...ledningssystemTopics(options.namespace),
    ],
    failureMessage: 'den nya uppgiften kunde inte meddelas den som har den',
    handleBatch: async (events: EventEnvelope[], manager: EntityManager): Promise<void> => {
      const now = clock().getTime();
      const news = events.filter((e) => creating.has(e.type) && isNews(e, now));
      if (news.length === 0) return;
      const store = new EventStore(manager.connection);
      const references = new Map<string, string>();
      for (const event of news) {
        if (event.type === REGISTER_TASKS_OPENED_EVENT) {
          const notices = registerTaskNoticesFor(event, {
            aggregateType: event.aggregateType,
            id: event.aggregateId,
          });
          for (const [index, notice] of notices.entries())
            await notifyPeople(
              deliver(manager),
              {
                key: `notice/${event.id}/${index}`,
                kind: notice.kind,
                caseId: null,
                caseNumber: null,
                title: notice.title,
                body: notice.body,
                path: notice.path,
                details: { taskId: notice.taskId, taskKind: notice.taskKind },
                at: event.occurredAt,
              },
              usernamesOf(options.organisation, notice.recipients),
            );
          continue;
        }
        let reference = references.get(event.aggregateId);
        if (reference === undefined) {
          const [first] = await store.load(event.aggregateId, manager);
          const data = (first?.data ?? {}) as { reference?: unknown };
          reference = typeof data.reference === 'string' ? data.reference : '';
          references.set(event.aggregateId, reference);
        }
        const notice = workTaskNoticeFor(
          { type: event.type, data: event.data as Record<string, unknown> },
          { aggregateType: event.aggregateType, id: event.aggregateId, reference },
        );
        if (!notice) continue;
        await notifyPeople(
          deliver(manager),
          {
            key: `notice/${event.id}/0`,
            kind: notice.kind,
            caseId: null,
            caseNumber: reference || null,
            title: notice.title,
            body: notice.body,
            path: notice.path,
            details: { taskId: notice.taskId, taskKind: notice.taskKind },
            at: event.occurredAt,
          },
          usernamesOf(options.organisation, notice.recipients),
        );
      }
    },
  };
}
