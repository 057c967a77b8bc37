// `useStaleConflict(reload)`: one way for every form to handle a save refused because the record was
// changed since it was loaded (STALE): keep that error for <StaleAlert>, and on "Opnieuw laden" clear
// it and fetch the latest data. Runs in the renderer.
import { useCallback, useState } from 'react';
import { ApiCallError } from '../api/api.client';

export function isStale(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError && e.code === 'STALE';
}

export interface StaleConflict {
  /** The STALE refusal to show, or null. */
  error: ApiCallError | null;
  /** True (and kept for the alert) when `e` is a STALE refusal; false for any other error. */
  catchStale: (e: unknown) => boolean;
  /** Clears the alert and fetches the latest data (the form is rebuilt from it). */
  reload: () => void;
  /** Forgets the refusal (a modal opened again for another record). */
  clear: () => void;
}

export function useStaleConflict(reload: () => void): StaleConflict {
  const [error, setError] = useState<ApiCallError | null>(null);
  const catchStale = useCallback((e: unknown) => {
    if (!isStale(e)) return false;
    setError(e);
    return true;
  }, []);
  const reloadLatest = useCallback(() => {
    setError(null);
    reload();
  }, [reload]);
  const clear = useCallback(() => setError(null), []);
  return { error, catchStale, reload: reloadLatest, clear };
}
