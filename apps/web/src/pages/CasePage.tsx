import { Title } from '@mantine/core';

export function CasePage() {
  return <Title order={2}>Under arbete</Title>;
}
