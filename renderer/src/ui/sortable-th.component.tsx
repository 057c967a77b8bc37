// A table header cell that sorts the list on the server: click toggles ascending/descending and an
// arrow shows the current order. Runs in the renderer.
import { Table, UnstyledButton, Group, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type SortDir = 'asc' | 'desc';

interface SortableThProps<K extends string> {
  sortKey: K;
  activeKey: K | undefined;
  dir: SortDir;
  onSort: (key: K) => void;
  children: ReactNode;
}

export function SortableTh<K extends string>({ sortKey, activeKey, dir, onSort, children }: SortableThProps<K>) {
  const active = activeKey === sortKey;
  const Icon = active ? (dir === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ verticalAlign: 'bottom' }}>
      <UnstyledButton onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`} title="Sorteren" fz="inherit">
        <Group gap={2} wrap="nowrap" align="flex-end">
          <Text fw={active ? 700 : 600} fz="inherit" lh={1.25}>
            {children}
          </Text>
          <Icon size={12} stroke={2} opacity={active ? 1 : 0.45} style={{ flexShrink: 0, marginBottom: 1 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Next sort state after clicking `key`: same column flips the direction, a new column starts ascending. */
export function nextSort<K extends string>(current: { by: K | undefined; dir: SortDir }, key: K): { by: K; dir: SortDir } {
  if (current.by === key) return { by: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by: key, dir: 'asc' };
}

export function PlainTh({ children }: { children: ReactNode }) {
  return (
    <Table.Th style={{ verticalAlign: 'bottom' }}>
      <Text fw={600} fz="inherit" lh={1.25}>
        {children}
      </Text>
    </Table.Th>
  );
}
