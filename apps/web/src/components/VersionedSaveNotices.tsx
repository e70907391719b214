import { Button, Text } from '@mantine/core';
import { formatDateTime } from '../lib/format';
import { ErrorNotice } from './QueryState';

/** Which version of a settings document is shown; `unsaved` while it is still the demo's version 1. */
export function DocumentVersionLine({
  document,
  unsaved,
}: {
  document: { version: number; changedAt?: string; changedBy?: string };
  unsaved: string;
}) {
  return (
    <Text size="sm" c="dimmed">
      {document.version === 1 && !document.changedAt
        ? unsaved
        : `Version ${document.version}${document.changedAt ? `, sparad ${formatDateTime(document.changedAt)}` : ''}${document.changedBy ? ` av ${document.changedBy}` : ''}.`}
    </Text>
  );
}

/** The api's message for the whole list (too many rows, not a list), under the table. */
export function ListErrorText({ message }: { message: string | undefined }) {
  return message ? (
    <Text c="red.9" size="sm" role="alert">
      {message}
    </Text>
  ) : null;
}

/** Why a versioned document was not saved; `stale` when someone else saved a newer version first (409). */
export function SaveFailedNotice({
  error,
  stale,
  subject,
}: {
  error: unknown;
  stale: boolean;
  subject: string;
}) {
  return (
    <ErrorNotice
      error={error}
      title={stale ? `${subject} har ändrats av någon annan` : `${subject} sparades inte`}
    />
  );
}

/** After a 409: read the newest version instead, throwing the drafts away. */
export function ReloadNewestButton({ onReload }: { onReload: () => Promise<void> }) {
  return (
    <Button variant="default" onClick={() => void onReload()}>
      Hämta senaste versionen (dina ändringar försvinner)
    </Button>
  );
}
