import { Button } from '@mantine/core';
import { ErrorNotice } from './QueryState';

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
