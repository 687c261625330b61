/**
 * The signed-in session: loaded once from GET /auth/probe, updated by sign-in and sign-out, and
 * dropped (with a trip to /sign-in) whenever any API call answers 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';
import { useTranslation } from 'react-i18next';
import { applyLocale } from './locale';
import type { Locale, SessionResponse, SessionUser } from './session';
import { errorMessage } from '../ui/errors';
import { notifyError } from '../ui/notify';

export const SESSION_KEY = ['session'] as const;

interface AuthValue {
  user: SessionUser | null;
  loading: boolean;
  /** True after the user chose to sign out (then /sign-in does not offer to return to the last page). */
  signedOutOnPurpose: boolean;
  /** Stores a session returned by sign-in (or MFA); switches the UI to the user's saved language. */
  signedIn: (session: SessionResponse) => void;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Replaces the session's user after a profile change (PATCH /me, two-factor) answered with it. */
  setUser: (user: SessionUser) => void;
  refresh: () => Promise<unknown>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** GET /auth/probe: null when signed out, answered 200 so a visitor's console shows no 401. */
async function fetchSession(): Promise<SessionResponse | null> {
  try {
    return (await api.get<{ session: SessionResponse | null }>('/auth/probe', undefined, { allowUnauthenticated: true })).session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

const SESSION_HINT = 'kith.signedIn';

/**
 * Whether this device had a session when last seen (a hint, not a credential: the cookie decides). The router starts
 * loading the signed-in shell with the session check when it is set (router.tsx), one round trip sooner.
 */
export function sessionLikely(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return false;
  }
}

export function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage may be blocked: the shell then loads after the session check, as without the hint.
  }
}

/** Where to send a signed-out user: /sign-in, remembering the page they were on. */
export function signInPath(from = window.location.pathname + window.location.search): string {
  return from && from !== '/' && !from.startsWith('/sign-in') ? `/sign-in?next=${encodeURIComponent(from)}` : '/sign-in';
}

/**
 * Holds the session. Signing out (or a 401) only clears it: the route guard (RequireAuth) then sends the
 * visitor to /sign-in, with ?next=<page> unless they signed out on purpose.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 1 });
  const user = session.data?.user ?? null;
  const [signedOutOnPurpose, setSignedOutOnPurpose] = useState(false);

  useEffect(() => {
    setCsrfToken(session.data?.csrfToken ?? null);
  }, [session.data]);

  useEffect(() => {
    if (!session.isPending) rememberSession(!!user);
  }, [session.isPending, user]);

  // Only when the user or their saved language changes, not on every session refetch.
  const savedLocale = user?.locale;
  useEffect(() => {
    if (savedLocale) applyLocale(savedLocale);
  }, [savedLocale]);

  const dropSession = useCallback(() => {
    setCsrfToken(null);
    qc.setQueryData(SESSION_KEY, null);
    // Anything cached belongs to the previous user.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  }, [qc]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (qc.getQueryData(SESSION_KEY)) dropSession();
    });
    return () => setUnauthorizedHandler(null);
  }, [qc, dropSession]);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      loading: session.isPending,
      signedOutOnPurpose,
      signedIn: (s) => {
        setSignedOutOnPurpose(false);
        setCsrfToken(s.csrfToken);
        qc.setQueryData(SESSION_KEY, s);
        applyLocale(s.user.locale);
      },
      signOut: async (everywhere = false) => {
        try {
          await api.post(everywhere ? '/auth/logout-all' : '/auth/logout', {}, { allowUnauthenticated: true });
        } finally {
          setSignedOutOnPurpose(true);
          dropSession();
        }
      },
      setUser: (u) => {
        const s = qc.getQueryData<SessionResponse | null>(SESSION_KEY);
        if (s) qc.setQueryData<SessionResponse>(SESSION_KEY, { ...s, user: u });
      },
      refresh: () => qc.invalidateQueries({ queryKey: SESSION_KEY }),
    }),
    [user, session.isPending, signedOutOnPurpose, qc, dropSession],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only for components rendered inside the signed-in layout. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}

/**
 * Switches the UI language at once and saves it as the user's preference (PATCH /me), so the next
 * sign-in on any device opens in it.
 */
export function useChangeLocale(): (locale: Locale) => Promise<void> {
  const qc = useQueryClient();
  const { t } = useTranslation();
  return useCallback(
    async (locale: Locale) => {
      applyLocale(locale);
      const s = qc.getQueryData<SessionResponse | null>(SESSION_KEY);
      if (!s) return;
      qc.setQueryData<SessionResponse>(SESSION_KEY, { ...s, user: { ...s.user, locale } });
      try {
        await api.patch('/me', { locale });
      } catch (e) {
        notifyError(errorMessage(e, t));
      }
    },
    [qc, t],
  );
}
