// List filters kept in the hash URL next to search and sort (#/woningen?gemeente=GM0034,GM0995), so
// "back" from a detail page restores them. Runs in the renderer.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlFilters {
  list(name: string): string[];
  one(name: string): string;
  set(name: string, value: string | string[] | null): void;
  clear(names: string[]): void;
}

export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const list = useCallback((name: string) => (params.get(name) ?? '').split(',').filter(Boolean), [params]);
  const one = useCallback((name: string) => params.get(name) ?? '', [params]);
  const set = useCallback(
    (name: string, value: string | string[] | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const text = Array.isArray(value) ? value.join(',') : (value ?? '');
          if (text) next.set(name, text);
          else next.delete(name);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(
    (names: string[]) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const n of names) next.delete(n);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { list, one, set, clear };
}

/** Keeps only values that belong to a fixed set (a hand-edited URL must not break the query). */
export function onlyKnown<T extends string>(values: string[], known: readonly T[]): T[] {
  return values.filter((v): v is T => (known as readonly string[]).includes(v));
}
