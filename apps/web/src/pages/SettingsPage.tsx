import { Title } from '@mantine/core';

export function SettingsPage() {
  return <Title order={2}>Under arbete</Title>;
}
