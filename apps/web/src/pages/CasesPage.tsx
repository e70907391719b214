import { Title } from '@mantine/core';

export function CasesPage() {
  return <Title order={2}>Under arbete</Title>;
}
