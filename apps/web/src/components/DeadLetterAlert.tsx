import { Alert, Code, Text } from '@mantine/core';
import { useDeadLetterSummary } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { describeDeadLetters, mayReadDeadLetters } from '../lib/dead-letters';
import { formatDate } from '../lib/format';

/**
 * Kvalitet's warning that events were stopped after repeated errors (dead letters, issue 23): which
 * parts of the system are behind, since when, and who can retry. Nothing for other roles (they do not
 * ask), nothing when none are open, and nothing if the summary cannot be fetched: it is a side note
 * on the start page, not the page's content.
 */
export function DeadLetterAlert() {
  const { me } = useAuth();
  const enabled = mayReadDeadLetters(me?.roles ?? []);
  const summary = useDeadLetterSummary(enabled);
  const warning = enabled && summary.data ? describeDeadLetters(summary.data, formatDate) : null;
  if (!warning) return null;
  return (
    <Alert color="yellow" variant="light" title={warning.title} data-testid="doda-brev">
      <Text size="sm">
        {warning.what} {warning.oldest}
      </Text>
      <Text size="sm" mt="xs">
        {warning.retry} <Code>{warning.command}</Code>.
      </Text>
    </Alert>
  );
}
