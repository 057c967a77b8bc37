// Who is logged in: the auth status from the backend (setup, convert, locked, open + the person), shared
// with every screen through `useAuth()` / `useSessionUser()` / `useCan()`. Also wraps the API client so
// that a call refused with UNAUTHORIZED (session expired) sends the app back to the login page. Runs in the renderer.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuthStatus } from '../../../../shared/api/auth.contract';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract';
import { mayCall } from '../../../../shared/auth/access-matrix';
import type { SessionUser } from '../../../../shared/auth/roles';
import { ApiCallError, type ApiClient } from '../../api/api.client';
import { ApiProvider, useApi } from '../../api/api.context';
import type { ApiMode } from '../../api/api.setup';

export interface AuthContextValue {
  /** The last answer of auth.status (or of login/setup/logout); null until the first one arrives. */
  status: AuthStatus | null;
  /** Why auth.status could not be read (no token, server gone), or null. */
  error: ApiCallError | null;
  /** Desktop window or browser: the first-start page offers the demo region by default in the browser. */
  mode: ApiMode;
  /** Takes the answer of auth.setup / auth.login / auth.logout as the new status. */
  setStatus: (status: AuthStatus) => void;
  /** Asks auth.status again (e.g. after a session expired). */
  refresh: () => void;
  /** Logs out here and returns to the login page. */
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Holds the auth status and hands the screens below an API client that notices an expired session.
 * Must sit inside the <ApiProvider> with the transport's client.
 */
export function AuthProvider({ mode, children }: { mode: ApiMode; children: ReactNode }) {
  const base = useApi();
  const [status, setStatusState] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [checks, setChecks] = useState(0);
  const refresh = useCallback(() => setChecks((n) => n + 1), []);
  // The user the screens were built for; a refusal for an older session must not trigger a new check.
  const loggedIn = useRef(false);

  useEffect(() => {
    let current = true;
    base.call('auth.status', {}).then(
      (s) => {
        if (!current) return;
        setStatusState(s);
        setError(null);
      },
      (e: unknown) => {
        if (current) setError(e instanceof ApiCallError ? e : new ApiCallError('INTERNAL', e instanceof Error ? e.message : String(e)));
      },
    );
    return () => {
      current = false;
    };
  }, [base, checks]);

  const setStatus = useCallback((s: AuthStatus) => {
    setError(null);
    setStatusState(s);
  }, []);

  useEffect(() => {
    loggedIn.current = status?.user != null;
  }, [status]);

  const logout = useCallback(async () => {
    try {
      setStatus(await base.call('auth.logout', {}));
    } catch {
      // The session may already be gone on the server: ask where things stand.
      refresh();
    }
    // The next person starts on their own start page, not on the screen the last one left open.
    window.location.hash = '#/';
  }, [base, refresh, setStatus]);

  // Every screen's calls go through this client: an UNAUTHORIZED answer to anything but auth.* means
  // the session ended (idle timeout, restore, server restart), so the gate asks auth.status again.
  const client = useMemo<ApiClient>(
    () => ({
      async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
        try {
          return await base.call(method, input);
        } catch (e) {
          if (e instanceof ApiCallError && e.code === 'UNAUTHORIZED' && !method.startsWith('auth.') && loggedIn.current) {
            loggedIn.current = false;
            refresh();
          }
          throw e;
        }
      },
    }),
    [base, refresh],
  );

  const value = useMemo<AuthContextValue>(() => ({ status, error, mode, setStatus, refresh, logout }), [status, error, mode, setStatus, refresh, logout]);
  return (
    <AuthContext.Provider value={value}>
      <ApiProvider client={client}>{children}</ApiProvider>
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthContextValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it');
  return auth;
}

/** The person logged in. Only for screens behind the <AuthGate> (there is always one there). */
export function useSessionUser(): SessionUser {
  const user = useAuth().status?.user;
  if (!user) throw new Error('useSessionUser is only for screens shown after login');
  return user;
}

/** `can('units.list')`: whether the logged-in person's role may use a method (the access matrix). */
export function useCan(): (method: MethodName) => boolean {
  const { role } = useSessionUser();
  return useCallback((method: MethodName) => mayCall(role, method), [role]);
}
