import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiJson } from '../api/client';
import type { Me } from '../api/types';
import { fetchRuntimeConfig, type RuntimeConfig } from '../config/runtime-config';
import { clearSession, loadSession, onSessionChange, saveSession } from './session';

interface AuthState {
  config: RuntimeConfig | undefined;
  configError: boolean;
  signedIn: boolean;
  me: Me | undefined;
  meLoading: boolean;
  meError: unknown;
  signInAsDemoUser(username: string): Promise<void>;
  acceptToken(accessToken: string, expiresAt: number): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => loadSession() !== null);
  useEffect(
    () =>
      onSessionChange(() => {
        const now = loadSession() !== null;
        setSignedIn(now);
        if (!now) queryClient.clear();
      }),
    [queryClient],
  );

  const config = useQuery({ queryKey: ['app-config'], queryFn: fetchRuntimeConfig, staleTime: Infinity });
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => apiJson<Me>('/api/v1/me'),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });

  const acceptToken = useCallback((accessToken: string, expiresAt: number) => {
    saveSession({ accessToken, expiresAt });
  }, []);

  const signInAsDemoUser = useCallback(
    async (username: string) => {
      const token = await apiJson<{ access_token: string; expires_in: number }>('/api/v1/auth/dev-token', {
        method: 'POST',
        body: { username },
        anonymous: true,
      });
      queryClient.clear();
      acceptToken(token.access_token, Date.now() + token.expires_in * 1000);
    },
    [acceptToken, queryClient],
  );

  const signOut = useCallback(() => {
    clearSession();
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      config: config.data,
      configError: config.isError,
      signedIn,
      me: signedIn ? me.data : undefined,
      meLoading: signedIn && me.isPending,
      meError: me.error,
      signInAsDemoUser,
      acceptToken,
      signOut,
    }),
    [
      config.data,
      config.isError,
      signedIn,
      me.data,
      me.isPending,
      me.error,
      signInAsDemoUser,
      acceptToken,
      signOut,
    ],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth utanför AuthProvider');
  return value;
}
