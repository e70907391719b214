import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError, fieldMessage, messageOf } from '../api/client';

/** Loading indicator with a text for screen readers. */
export function Loading({ label = 'Laddar…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

/** The api's Swedish `detail` (and field messages) for a failed request, with a retry where it helps. */
export function ErrorNotice({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  // The api often repeats its detail as the one field message (a refusal); say it once.
  const fieldErrors =
    error instanceof ApiError
      ? error.errors.filter(
          (e, i, all) => e.message !== error.detail && all.findIndex((o) => o.message === e.message) === i,
        )
      : [];
  const heading =
    title ??
    (error instanceof ApiError && error.status === 403
      ? 'Ingen behörighet'
      : error instanceof ApiError && error.status === 404
        ? 'Hittades inte'
        : 'Något gick fel');
  return (
    <Alert color="red" variant="light" title={heading} role="alert">
      <Text size="sm">{messageOf(error)}</Text>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((e) => (
            <li key={`${e.field}-${e.code}`}>
              <Text size="sm">{fieldMessage(e)}</Text>
            </li>
          ))}
        </ul>
      )}
      {onRetry && !(error instanceof ApiError && error.status >= 400 && error.status < 500) && (
        <Button variant="default" size="xs" mt="sm" onClick={onRetry}>
          Försök igen
        </Button>
      )}
    </Alert>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Renders loading, error or the data of one query. */
export function QueryState<T>({
  query,
  loadingLabel,
  unavailableMessage,
  children,
}: {
  query: QueryLike<T>;
  loadingLabel?: string;
  /** Shown instead of the api's message when the endpoint does not exist (404 on the route). */
  unavailableMessage?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (unavailableMessage && query.error instanceof ApiError && query.error.status === 404)
    return (
      <Alert color="gray" variant="light" title="Inte tillgängligt" role="status">
        <Text size="sm">{unavailableMessage}</Text>
      </Alert>
    );
  if (query.error || query.data === undefined)
    return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** The message for one field from a 400 problem, if the api named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const match = error.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  return match ? fieldMessage(match) : undefined;
}
