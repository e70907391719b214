import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiJson } from '../api/client';
import { formatDateTime } from '../lib/format';

interface InAppNotice {
  key: string;
  kind: string;
  caseId: string | null;
  caseNumber: string | null;
  title: string;
  body: string;
  createdAt: string;
}

const SHOWN_HERE = ['case_outcome', 'daily_list'];

/**
 * The caller's own messages (`GET /notifications/in-app`): e.g. how a deviation they reported was
 * closed — classification, outcome and actions (IMP-8). Shown where they land after signing in.
 */
export function InAppNotices() {
  const notices = useQuery({
    queryKey: ['in-app-notifications'],
    queryFn: () => apiJson<{ items: InAppNotice[] }>('/api/v1/notifications/in-app'),
    refetchInterval: 60_000,
  });
  // The bell in the header carries the rest (new tasks, assignments, reminders, …).
  const items = (notices.data?.items ?? []).filter((n) => SHOWN_HERE.includes(n.kind));
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Meddelanden" component="section">
      {items.slice(0, 5).map((notice) => (
        <Alert key={notice.key} color="blue" variant="outline" title={notice.title} data-testid="meddelande">
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {notice.body}
          </Text>
          <Text size="sm" mt={4}>
            {formatDateTime(notice.createdAt)}
          </Text>
          {notice.caseId && notice.caseNumber ? (
            <Anchor component={Link} to={`/arenden/${notice.caseId}`} size="sm" underline="always">
              Öppna {notice.caseNumber}
            </Anchor>
          ) : null}
        </Alert>
      ))}
    </Stack>
  );
}
