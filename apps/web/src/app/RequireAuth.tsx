import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, Loading } from '../components/QueryState';

/** Pages behind sign-in: unknown users go to /logga-in and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn, sessionChecking, me, meLoading, meError } = useAuth();
  const location = useLocation();
  if (!signedIn && sessionChecking) return <Loading label="Kontrollerar inloggningen…" />;
  if (!signedIn) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/logga-in?tillbaka=${encodeURIComponent(returnTo)}`} replace />;
  }
  if (meLoading) return <Loading label="Hämtar din profil…" />;
  if (!me)
    return (
      <Container size="sm" py="xl">
        <ErrorNotice error={meError} title="Kunde inte hämta din profil" />
      </Container>
    );
  return <>{children}</>;
}
