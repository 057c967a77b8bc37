// Kandidaten: every client in the region in one table, searched and sorted by the server.
// Runs in the renderer; data from `clients.list`.
import { Anchor, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { CLIENT_SORT_KEYS, type ClientRow } from '../../../../shared/api/contract';
import { CLIENT_GROUP_LABELS } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { formatDate, plural } from '../../ui/format.util';
import { useListParams } from '../../ui/list-params.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { PlainTh, SortableTh } from '../../ui/sortable-th.component';
import { ClientStatusBadge, ReadinessBadge, UrgencyBadge } from '../../ui/status-badges.component';

const COLUMN_COUNT = 12;

export function ClientsListPage() {
  const list = useListParams(CLIENT_SORT_KEYS, 'id');
  const navigate = useNavigate();
  const { search: listSearch } = useLocation();
  const query = useQuery(
    'clients.list',
    { ...(list.search ? { search: list.search } : {}), sortBy: list.sortBy, sortDir: list.sortDir },
    { keepPrevious: true },
  );
  // The detail page's back link returns to this search and sort.
  const open = (id: string) => navigate(`/kandidaten/${encodeURIComponent(id)}`, { state: { listSearch } });
  const onRowKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter') open(id);
  };
  const th = { activeKey: list.sortBy, dir: list.sortDir, onSort: list.toggleSort };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Kandidaten</Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm" data-testid="client-count">
              {query.data ? plural(query.data.total, 'kandidaat', 'kandidaten') : '\u00a0'}
            </Text>
            {query.loading && query.data && <Loader size="xs" />}
          </Group>
        </Stack>
        <TextInput
          value={list.searchText}
          onChange={(e) => list.setSearchText(e.currentTarget.value)}
          placeholder="Zoek op code, naam of gemeente"
          aria-label="Zoek kandidaten"
          leftSection={<IconSearch size={16} />}
          w={320}
          data-testid="client-search"
        />
      </Group>

      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {!query.data && !query.error && <PageSkeleton lines={10} />}

      {query.data && (
        <Table.ScrollContainer minWidth={1000} type="native">
          <Table highlightOnHover striped verticalSpacing={8} horizontalSpacing={5} fz={12} data-testid="client-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh sortKey="id" {...th}>Code</SortableTh>
                <PlainTh>Naam</PlainTh>
                <SortableTh sortKey="group" {...th}>Doelgroep</SortableTh>
                <SortableTh sortKey="age" {...th}>Leeftijd</SortableTh>
                <PlainTh>Huishouden</PlainTh>
                <SortableTh sortKey="origin" {...th}>Gemeente van herkomst</SortableTh>
                <PlainTh>Verblijft in</PlainTh>
                <PlainTh>Zorgaanbieder</PlainTh>
                <SortableTh sortKey="readyDate" {...th}>Woonrijp sinds</SortableTh>
                <PlainTh>Voorwaarden</PlainTh>
                <SortableTh sortKey="urgency" {...th}>Urgentie</SortableTh>
                <SortableTh sortKey="status" {...th}>Status</SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.rows.map((row) => (
                <ClientTableRow key={row.id} row={row} onOpen={open} onKey={onRowKey} listSearch={listSearch} />
              ))}
              {query.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMN_COUNT}>
                    <Text c="dimmed" ta="center" py="md">
                      Geen kandidaten gevonden{list.search ? ` voor “${list.search}”` : ''}.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data && query.data.rows.length < query.data.total && (
        <Text size="sm" c="dimmed">
          De eerste {query.data.rows.length} van {query.data.total} getoond; verfijn de zoekopdracht.
        </Text>
      )}
    </Stack>
  );
}

interface RowProps {
  row: ClientRow;
  onOpen: (id: string) => void;
  onKey: (e: KeyboardEvent, id: string) => void;
  listSearch: string;
}

function ClientTableRow({ row, onOpen, onKey, listSearch }: RowProps) {
  return (
    <Table.Tr
      data-testid={`client-row-${row.id}`}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => onKey(e, row.id)}
      tabIndex={0}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/kandidaten/${encodeURIComponent(row.id)}`} state={{ listSearch }} fw={600} fz="inherit" onClick={(e) => e.stopPropagation()}>
          {row.id}
        </Anchor>
      </Table.Td>
      <Table.Td>{row.name ?? '—'}</Table.Td>
      <Table.Td>{CLIENT_GROUP_LABELS[row.group]}</Table.Td>
      <Table.Td>{row.age}</Table.Td>
      <Table.Td>{row.householdSize}</Table.Td>
      <Table.Td>{row.originMunicipality}</Table.Td>
      <Table.Td>{row.currentMunicipality}</Table.Td>
      <Table.Td>{row.careProvider}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {row.readyDate ? (
          formatDate(row.readyDate)
        ) : (
          <Text span fz="inherit" c="dimmed">
            niet woonrijp
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ReadinessBadge done={row.readinessDone} total={row.readinessTotal} housingFirst={row.housingFirst} />
      </Table.Td>
      <Table.Td>
        <UrgencyBadge urgency={row.urgency} />
      </Table.Td>
      <Table.Td>
        <ClientStatusBadge status={row.status} />
      </Table.Td>
    </Table.Tr>
  );
}
