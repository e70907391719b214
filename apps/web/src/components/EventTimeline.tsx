import { Text, Timeline } from '@mantine/core';
import type { CaseEvent } from '../api/types';
import { useUserName } from '../api/users';
import { eventDetail, type EventContext } from '../lib/event-details';
import { formatDateTime } from '../lib/format';
import { EVENT_LABELS } from '../lib/labels';

/** The full event history of a case, oldest first: who did what when. */
export function EventTimeline({ events, context }: { events: CaseEvent[]; context: EventContext }) {
  const nameOf = useUserName();
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length}>
      {events.map((e) => {
        const detail = eventDetail(e.type, e.data, { ...context, nameOf });
        return (
          <Timeline.Item
            key={e.id}
            color={e.type === 'DeadlineMissed' ? 'red.9' : undefined}
            title={
              <Text fw={600} size="sm" c={e.type === 'DeadlineMissed' ? 'red.9' : undefined}>
                {EVENT_LABELS[e.type] ?? e.type}
              </Text>
            }
            data-testid="handelse"
          >
            <Text size="sm">
              {formatDateTime(e.occurredAt)} · {e.actor === 'system' ? 'systemet' : nameOf(e.actor)}
            </Text>
            {detail && (
              <Text size="sm" c="dimmed" lineClamp={3}>
                {detail}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
