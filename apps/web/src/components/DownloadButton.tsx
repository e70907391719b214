import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../api/client';
import { downloadDocument } from './Download';

/** A button that downloads a PDF of the api (with the session's token) and says why if it cannot. */
export function DownloadButton({ path, filename, label }: { path: string; filename: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap={4}>
      <Button
        variant="default"
        size="sm"
        loading={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          downloadDocument(path, 'application/pdf', filename)
            .catch((e: unknown) => setError(e))
            .finally(() => setBusy(false));
        }}
      >
        {label}
      </Button>
      {error !== null && (
        <Text size="sm" c="red.9" role="alert">
          {messageOf(error)}
        </Text>
      )}
    </Stack>
  );
}
