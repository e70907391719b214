import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
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

/**
 * The end of a versioned settings form: why the save failed, that it was saved (which version), and
 * the buttons — reload after a 409, the form's own (`children`), save.
 */
export function VersionedSaveFooter({
  save,
  stale,
  reload,
  subject,
  savedText,
  submitLabel,
  children,
}: {
  save: { error: unknown; data?: { version: number }; isPending: boolean };
  stale: boolean;
  reload: () => Promise<void>;
  subject: string;
  savedText: (version: number) => string;
  submitLabel: string;
  children?: ReactNode;
}) {
  return (
    <>
      {save.error !== null && <SaveFailedNotice error={save.error} stale={stale} subject={subject} />}
      {save.data && save.error === null && (
        <Alert color="green" variant="light" role="status" title="Sparat">
          {savedText(save.data.version)}
        </Alert>
      )}
      <Group>
        {stale && <ReloadNewestButton onReload={reload} />}
        {children}
        <Button type="submit" loading={save.isPending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
