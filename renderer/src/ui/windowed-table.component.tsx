// A table that renders only the rows in view: fixed row height, one scroll container with a sticky
// header, spacer rows above and below. Lists of 10,000 rows stay smooth; lists up to `threshold`
// rows render whole (cheap, and find-in-page keeps working). Runs in the renderer.
import { Table, type TableProps } from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface WindowedTableProps<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  renderRow: (row: T, index: number) => ReactNode;
  /** The header row (<Table.Tr> with cells). */
  header: ReactNode;
  /** Exact height of every body row in pixels; rows must not grow (cells do not wrap). */
  rowHeight: number;
  columnCount: number;
  /** Shown in one full-width row when there are no rows. */
  empty: ReactNode;
  /** CSS height of the scroll container, e.g. 'calc(100vh - 260px)'. */
  height: string;
  minWidth?: number;
  /** Changing this scrolls back to the top (a new search, sort or filter). */
  resetKey?: string;
  /** Render every row up to this count; window above it. */
  threshold?: number;
  overscan?: number;
  tableProps?: TableProps & { 'data-testid'?: string };
  /**
   * Names the scroll container and makes it a keyboard stop (a region), for lists whose rows may hold
   * nothing focusable (every button disabled): arrow keys scroll it then.
   */
  scrollLabel?: string;
}

export function WindowedTable<T>({
  rows,
  rowKey,
  renderRow,
  header,
  rowHeight,
  columnCount,
  empty,
  height,
  minWidth = 1000,
  resetKey,
  threshold = 300,
  overscan = 12,
  tableProps,
  scrollLabel,
}: WindowedTableProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 900 });

  const measure = useCallback(() => {
    const el = ref.current;
    if (el) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    measure();
  }, [resetKey, measure]);

  const windowed = rows.length > threshold;
  // Start on an even row so striping does not flip while scrolling (the top spacer is always there).
  const start = windowed ? Math.max(0, Math.floor(view.top / rowHeight) - overscan) & ~1 : 0;
  const end = windowed ? Math.min(rows.length, Math.ceil((view.top + view.height) / rowHeight) + overscan) : rows.length;
  const visible = rows.slice(start, end);

  return (
    <div
      ref={ref}
      onScroll={measure}
      style={{ maxHeight: height, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
      data-windowed={windowed ? 'true' : 'false'}
      {...(scrollLabel ? { tabIndex: 0, role: 'region', 'aria-label': scrollLabel } : {})}
    >
      <Table stickyHeader miw={minWidth} {...tableProps}>
        <Table.Thead style={{ zIndex: 2 }}>{header}</Table.Thead>
        <Table.Tbody>
          <tr aria-hidden style={{ height: start * rowHeight }} />
          {visible.map((row, i) => (
            <FragmentKey key={rowKey(row)}>{renderRow(row, start + i)}</FragmentKey>
          ))}
          <tr aria-hidden style={{ height: (rows.length - end) * rowHeight }} />
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columnCount}>{empty}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function FragmentKey({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

/** Cell style for fixed-height rows: one line, cut with an ellipsis, full text in the title. */
export const ONE_LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 220 } as const;
