import { Container } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { completeOidcLogin } from '../auth/oidc';
import { ErrorNotice, Loading } from '../components/QueryState';

export function OidcCallbackPage() {
  const { config, acceptToken } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<Error | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!config?.oidc || started.current) return;
    started.current = true;
    completeOidcLogin(config.oidc, location.search)
      .then(({ accessToken, expiresAt, returnTo }) => {
        acceptToken(accessToken, expiresAt);
        navigate(returnTo, { replace: true });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error('Inloggningen misslyckades.')));
  }, [config, location.search, acceptToken, navigate]);

  return (
    <Container size="sm" py="xl">
      {error ? (
        <ErrorNotice error={error} title="Inloggningen misslyckades" />
      ) : (
        <Loading label="Slutför inloggningen…" />
      )}
    </Container>
  );
}
