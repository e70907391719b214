import {
  Alert,
  Anchor,
  Button,
  Card,
  Container,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, Loading } from '../components/QueryState';
import { homePathFor } from '../lib/navigation';
import { usePageTitle } from '../lib/use-page-title';

function safeReturnTo(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export function LoginPage() {
  usePageTitle('Logga in');
  const { config, configError, signedIn, sessionChecking, me, signInAsDemoUser, signInWithIdentityProvider } =
    useAuth();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const returnTo = safeReturnTo(params.get('tillbaka'));

  if (signedIn && me) return <Navigate to={returnTo ?? homePathFor(me.roles)} replace />;
  if (signedIn || sessionChecking) return <Loading label="Loggar in…" />;
  const failed = params.get('inloggning') === 'misslyckades';

  return (
    <Container size="md" py="xl" component="main" id="huvudinnehall">
      <Stack gap="lg">
        <div>
          <Title order={1}>Kvalitetsledning</Title>
          <Text c="dimmed">Rapportera, utreda, åtgärda och följa upp – socialförvaltningen.</Text>
        </div>
        {configError && (
          <ErrorNotice error={new Error()} title="Kunde inte läsa inloggningsinställningarna" />
        )}
        {!config && !configError && <Loading />}
        {error !== null && <ErrorNotice error={error} title="Inloggningen misslyckades" />}
        {failed && (
          <Alert color="red" variant="light" title="Inloggningen misslyckades">
            Inloggningen kunde inte slutföras. Försök igen; hjälper inte det, kontakta kommunens IT-support.
          </Alert>
        )}
        {config?.authMode === 'oidc' && (
          <Card withBorder padding="lg">
            <Stack>
              <Title order={2} size="h3">
                Logga in
              </Title>
              <Text>Du loggar in med kommunens gemensamma inloggning.</Text>
              <Button
                loading={busy === 'oidc'}
                onClick={() => {
                  setBusy('oidc');
                  setError(null);
                  signInWithIdentityProvider(returnTo ?? '/');
                }}
              >
                Logga in
              </Button>
            </Stack>
          </Card>
        )}
        {config?.authMode === 'dev' && (
          <section aria-labelledby="demo-rubrik">
            <Title order={2} size="h3" id="demo-rubrik">
              Välj demoanvändare
            </Title>
            <Alert color="yellow" variant="light" my="sm" title="Demoläge">
              Inloggningen är avstängd i demoläget. Välj vem du vill vara – varje användare har en roll och
              ser det rollen får se.
            </Alert>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
              {config.demoUsers.map((user) => (
                <UnstyledButton
                  key={user.username}
                  className="user-choice"
                  aria-busy={busy === user.username}
                  disabled={busy !== null}
                  data-username={user.username}
                  onClick={() => {
                    setBusy(user.username);
                    setError(null);
                    signInAsDemoUser(user.username).catch((e: unknown) => {
                      setError(e);
                      setBusy(null);
                    });
                  }}
                >
                  <Text fw={600} component="span" display="block">
                    {user.name}
                  </Text>
                  <Text size="sm" component="span" display="block">
                    {user.roleLabels.join(', ')} · {user.username}
                  </Text>
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </section>
        )}
        <Text>
          Är du inte anställd?{' '}
          <Anchor component={Link} to="/lamna-synpunkt">
            Lämna en synpunkt eller ett klagomål
          </Anchor>{' '}
          utan att logga in.
        </Text>
      </Stack>
    </Container>
  );
}
