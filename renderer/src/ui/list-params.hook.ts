// Search text and sort order of a list page, kept in the hash URL (#/kandidaten?q=..&sort=..&dir=..)
// so that "back" from a detail page restores the list. Runs in the renderer.
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { nextSort, type SortDir } from './sortable-th.component';

export interface ListParams<K extends string> {
  /** What the user is typing (immediate). */
  searchText: string;
  setSearchText: (text: string) => void;
  /** The debounced search that is sent to the server. */
  search: string;
  sortBy: K;
  sortDir: SortDir;
  toggleSort: (key: K) => void;
}

export function useListParams<K extends string>(keys: readonly K[], defaultKey: K): ListParams<K> {
  const [params, setParams] = useSearchParams();
  const urlSearch = params.get('q') ?? '';
  const sortParam = params.get('sort');
  const sortBy = keys.find((k) => k === sortParam) ?? defaultKey;
  const sortDir: SortDir = params.get('dir') === 'desc' ? 'desc' : 'asc';

  const [searchText, setSearchText] = useState(urlSearch);
  const [debounced] = useDebouncedValue(searchText.trim(), 250);
  // The last search this hook wrote to the URL: tells our own writes from outside changes (menu, back).
  const written = useRef(urlSearch);

  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  useEffect(() => {
    if (urlSearch === written.current) return;
    written.current = urlSearch;
    setSearchText(urlSearch);
  }, [urlSearch]);

  const toggleSort = (key: K) => {
    const next = nextSort({ by: sortBy, dir: sortDir }, key);
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('sort', next.by);
        p.set('dir', next.dir);
        return p;
      },
      { replace: true },
    );
  };

  return { searchText, setSearchText, search: urlSearch, sortBy, sortDir, toggleSort };
}
