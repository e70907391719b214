import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../lib/use-page-title';

export function NotFoundPage() {
  usePageTitle('Sidan finns inte');
  return (
    <Stack>
      <Title order={2}>Sidan finns inte</Title>
      <Text>
        Adressen leder ingenstans.{' '}
        <Anchor component={Link} to="/">
          Till startsidan
        </Anchor>
      </Text>
    </Stack>
  );
}
