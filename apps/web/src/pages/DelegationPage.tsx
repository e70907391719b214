import { Stack, Title } from '@mantine/core';
import { DelegationEditor } from '../components/DelegationEditor';
import { usePageTitle } from '../lib/use-page-title';

/** The delegation register for everyone signed in (read-only but for kvalitet, who also finds it in Inställningar). */
export function DelegationPage() {
  usePageTitle('Delegation');
  return (
    <Stack>
      <Title order={2}>Delegation</Title>
      <DelegationEditor />
    </Stack>
  );
}
