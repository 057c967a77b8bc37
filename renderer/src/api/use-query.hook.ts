// `useQuery(method, input)`: loads one API query and re-loads when the input changes (by value).
// Can keep the last answer while re-loading (no flicker while typing a search) and ignores answers
// that arrive out of order. Runs in the renderer.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { ApiCallError } from './api.client';
import { useApi } from './api.context';

export interface QueryState<M extends MethodName> {
  data: MethodOutput<M> | undefined;
  error: ApiCallError | null;
  loading: boolean;
  refetch: () => void;
}

export interface QueryOptions {
  /** Show the previous answer while the next one loads (lists with search); default false. */
  keepPrevious?: boolean;
}

interface Loaded<M extends MethodName> {
  key: string | null;
  data: MethodOutput<M> | undefined;
  error: ApiCallError | null;
  loading: boolean;
}

export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryOptions = {}): QueryState<M> {
  const api = useApi();
  const key = `${method}:${JSON.stringify(input)}`;
  // The input object may be new on every render; only its value (the key) decides a reload.
  const stableInput = useMemo(() => input, [key]);
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<Loaded<M>>({ key: null, data: undefined, error: null, loading: true });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, stableInput).then(
      (data) => {
        if (current) setState({ key, data, error: null, loading: false });
      },
      (err: unknown) => {
        if (current) {
          setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: toApiCallError(err, method), loading: false }));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [api, method, key, stableInput, reloads]);

  const refetch = useCallback(() => setReloads((n) => n + 1), []);
  const fresh = state.key === key;
  return {
    data: fresh || options.keepPrevious ? state.data : undefined,
    error: fresh ? state.error : null,
    loading: state.loading || !fresh,
    refetch,
  };
}

function toApiCallError(err: unknown, method: MethodName): ApiCallError {
  if (err instanceof ApiCallError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiCallError('INTERNAL', message, [], method);
}
