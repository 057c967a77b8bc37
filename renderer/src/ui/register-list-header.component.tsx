// The head of a register list (Kandidaten, Woningen): title with the count, search, export, import
// and "new" (each only when the role may use it) — one component so both lists look and behave the same.
// Runs in the renderer.
import { Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCan } from '../features/auth/auth.context';
import { ExportButtons } from '../features/import/export-buttons.component';

export interface RegisterListHeaderProps {
  kind: 'clients' | 'units';
  /** Prefix of the data-testids: `<testId>-count`, `-search`, `-import`, `-new`. */
  testId: 'client' | 'unit';
  title: string;
  /** "58 kandidaten"; null while the first answer is loading. */
  countText: string | null;
  refreshing: boolean;
  search: string;
  onSearch: (text: string) => void;
  searchPlaceholder: string;
  searchLabel: string;
  filters: Record<string, unknown>;
  importHref: string;
  newHref: string;
  newLabel: string;
}

export function RegisterListHeader(p: RegisterListHeaderProps) {
  const can = useCan();
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={2}>
        <Title order={2}>{p.title}</Title>
        <Group gap="xs">
          <Text c="dimmed" size="sm" data-testid={`${p.testId}-count`}>
            {p.countText ?? '\u00a0'}
          </Text>
          {p.refreshing && <Loader size="xs" />}
        </Group>
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <TextInput
          value={p.search}
          onChange={(e) => p.onSearch(e.currentTarget.value)}
          placeholder={p.searchPlaceholder}
          aria-label={p.searchLabel}
          leftSection={<IconSearch size={16} />}
          w={270}
          data-testid={`${p.testId}-search`}
        />
        {can('export.list') && <ExportButtons kind={p.kind} filters={p.filters} />}
        {can('import.preview') && (
          <Button component={Link} to={p.importHref} variant="default" leftSection={<IconFileImport size={16} />} data-testid={`${p.testId}-import`}>
            Importeren
          </Button>
        )}
        {can(p.kind === 'clients' ? 'clients.create' : 'units.create') && (
          <Button component={Link} to={p.newHref} leftSection={<IconPlus size={16} />} data-testid={`${p.testId}-new`}>
            {p.newLabel}
          </Button>
        )}
      </Group>
    </Group>
  );
}
