// List filters kept in the hash URL next to search and sort (#/woningen?gemeente=GM0034,GM0995), so
// "back" from a detail page restores them. Runs in the renderer.
import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlFilters {
  list(name: string): string[];
  one(name: string): string;
  set(name: string, value: string | string[] | null): void;
  clear(names: string[]): void;
}

export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  // The router applies a change a little later: two changes in a row (a period's start, then its end)
  // must build on each other, not both on the URL as it was. So each change starts from the last one.
  const latest = useRef(params);
  const rendered = useRef(params);
  if (rendered.current !== params) {
    rendered.current = params;
    latest.current = params;
  }
  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(latest.current);
      change(next);
      latest.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );
  const list = useCallback((name: string) => (params.get(name) ?? '').split(',').filter(Boolean), [params]);
  const one = useCallback((name: string) => params.get(name) ?? '', [params]);
  const set = useCallback(
    (name: string, value: string | string[] | null) => {
      update((next) => {
        const text = Array.isArray(value) ? value.join(',') : (value ?? '');
        if (text) next.set(name, text);
        else next.delete(name);
      });
    },
    [update],
  );
  const clear = useCallback(
    (names: string[]) => {
      update((next) => {
        for (const n of names) next.delete(n);
      });
    },
    [update],
  );
  return { list, one, set, clear };
}

/** Keeps only values that belong to a fixed set (a hand-edited URL must not break the query). */
export function onlyKnown<T extends string>(values: string[], known: readonly T[]): T[] {
  return values.filter((v): v is T => (known as readonly string[]).includes(v));
}
