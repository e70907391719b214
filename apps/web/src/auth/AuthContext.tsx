import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiJson } from '../api/client';
import type { Me } from '../api/types';
import { fetchRuntimeConfig, type RuntimeConfig } from '../config/runtime-config';
import {
  acceptCookieSession,
  clearSession,
  hasCookieSession,
  loadSession,
  noteActivity,
  onSessionChange,
  saveSession,
} from './session';

interface AuthState {
  config: RuntimeConfig | undefined;
  configError: boolean;
  signedIn: boolean;
  /** AUTH_MODE=oidc: the api is still asked whether this browser has a session. */
  sessionChecking: boolean;
  me: Me | undefined;
  meLoading: boolean;
  meError: unknown;
  signInAsDemoUser(username: string): Promise<void>;
  /** AUTH_MODE=oidc: to the api's sign-in, which sends the person on to the identity provider. */
  signInWithIdentityProvider(returnTo: string): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

const signedInNow = () => loadSession() !== null || hasCookieSession();

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(signedInNow);
  useEffect(
    () =>
      onSessionChange(() => {
        const now = signedInNow();
        setSignedIn(now);
        if (!now) queryClient.clear();
      }),
    [queryClient],
  );
  useEffect(() => {
    const note = () => noteActivity();
    window.addEventListener('pointerdown', note, { passive: true });
    window.addEventListener('keydown', note, { passive: true });
    return () => {
      window.removeEventListener('pointerdown', note);
      window.removeEventListener('keydown', note);
    };
  }, []);

  const config = useQuery({ queryKey: ['app-config'], queryFn: fetchRuntimeConfig, staleTime: Infinity });
  const cookieSessions = config.data?.authMode === 'oidc';
  const session = useQuery({
    queryKey: ['auth-session'],
    queryFn: async () => {
      try {
        const found = await apiJson<Me & { csrfToken: string }>('/api/v1/auth/session', { anonymous: true });
        acceptCookieSession(found.csrfToken);
        return found;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
        throw error;
      }
    },
    enabled: cookieSessions && !signedIn,
    staleTime: Infinity,
    retry: false,
  });
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => apiJson<Me>('/api/v1/me'),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });

  const signInAsDemoUser = useCallback(
    async (username: string) => {
      const token = await apiJson<{ access_token: string; expires_in: number }>('/api/v1/auth/dev-token', {
        method: 'POST',
        body: { username },
        anonymous: true,
      });
      queryClient.clear();
      saveSession({ accessToken: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 });
    },
    [queryClient],
  );

  const signInWithIdentityProvider = useCallback((returnTo: string) => {
    window.location.assign(`/api/v1/auth/login?tillbaka=${encodeURIComponent(returnTo)}`);
  }, []);

  const signOut = useCallback(async () => {
    if (!hasCookieSession()) {
      clearSession();
      return;
    }
    // Ends the api's session and then the identity provider's: the next person at a shared PC
    // meets the sign-in form, not this person's session.
    const { redirectTo } = await apiJson<{ redirectTo: string }>('/api/v1/auth/logout', {
      method: 'POST',
    }).catch(() => ({ redirectTo: '/logga-in' }));
    clearSession();
    window.location.assign(redirectTo);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      config: config.data,
      configError: config.isError,
      signedIn,
      sessionChecking: cookieSessions && !signedIn && session.isPending,
      me: signedIn ? me.data : undefined,
      meLoading: signedIn && me.isPending,
      meError: me.error,
      signInAsDemoUser,
      signInWithIdentityProvider,
      signOut,
    }),
    [
      config.data,
      config.isError,
      cookieSessions,
      session.isPending,
      signedIn,
      me.data,
      me.isPending,
      me.error,
      signInAsDemoUser,
      signInWithIdentityProvider,
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
