// Woningen: every home offered to the uitstroomtafel in one table, searched and sorted by the server.
// Runs in the renderer; data from `units.list`.
import { Anchor, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { UNIT_SORT_KEYS, type UnitRow } from '../../../../shared/api/contract';
import { UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { formatDate, formatMoney, plural, yesNo } from '../../ui/format.util';
import { useListParams } from '../../ui/list-params.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { PlainTh, SortableTh } from '../../ui/sortable-th.component';
import { UnitStatusBadge } from '../../ui/status-badges.component';

const COLUMN_COUNT = 13;

export function UnitsListPage() {
  const list = useListParams(UNIT_SORT_KEYS, 'id');
  const navigate = useNavigate();
  const { search: listSearch } = useLocation();
  const query = useQuery(
    'units.list',
    { ...(list.search ? { search: list.search } : {}), sortBy: list.sortBy, sortDir: list.sortDir },
    { keepPrevious: true },
  );
  const open = (id: string) => navigate(`/woningen/${encodeURIComponent(id)}`, { state: { listSearch } });
  const th = { activeKey: list.sortBy, dir: list.sortDir, onSort: list.toggleSort };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Woningen</Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm" data-testid="unit-count">
              {query.data ? plural(query.data.total, 'woning', 'woningen') : '\u00a0'}
            </Text>
            {query.loading && query.data && <Loader size="xs" />}
          </Group>
        </Stack>
        <TextInput
          value={list.searchText}
          onChange={(e) => list.setSearchText(e.currentTarget.value)}
          placeholder="Zoek op code, adres, buurt, gemeente of corporatie"
          aria-label="Zoek woningen"
          leftSection={<IconSearch size={16} />}
          w={440}
          data-testid="unit-search"
        />
      </Group>

      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {!query.data && !query.error && <PageSkeleton lines={10} />}

      {query.data && (
        <Table.ScrollContainer minWidth={1000} type="native">
          <Table highlightOnHover striped verticalSpacing={8} horizontalSpacing={5} fz={12} data-testid="unit-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh sortKey="id" {...th}>Code</SortableTh>
                <PlainTh>Adres</PlainTh>
                <SortableTh sortKey="corporation" {...th}>Corporatie</SortableTh>
                <SortableTh sortKey="municipality" {...th}>Gemeente</SortableTh>
                <PlainTh>Buurt</PlainTh>
                <PlainTh>Complex</PlainTh>
                <SortableTh sortKey="kind" {...th}>Soort</SortableTh>
                <SortableTh sortKey="rooms" {...th}>Kamers</SortableTh>
                <PlainTh>Verdieping</PlainTh>
                <PlainTh>Lift</PlainTh>
                <SortableTh sortKey="rent" {...th}>Huur</SortableTh>
                <SortableTh sortKey="availableFrom" {...th}>Beschikbaar vanaf</SortableTh>
                <SortableTh sortKey="status" {...th}>Status</SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.rows.map((row) => (
                <UnitTableRow key={row.id} row={row} onOpen={open} listSearch={listSearch} />
              ))}
              {query.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMN_COUNT}>
                    <Text c="dimmed" ta="center" py="md">
                      Geen woningen gevonden{list.search ? ` voor “${list.search}”` : ''}.
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

function UnitTableRow({ row, onOpen, listSearch }: { row: UnitRow; onOpen: (id: string) => void; listSearch: string }) {
  return (
    <Table.Tr
      data-testid={`unit-row-${row.id}`}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(row.id);
      }}
      tabIndex={0}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/woningen/${encodeURIComponent(row.id)}`} state={{ listSearch }} fw={600} fz="inherit" onClick={(e) => e.stopPropagation()}>
          {row.id}
        </Anchor>
      </Table.Td>
      <Table.Td>{row.address ?? '—'}</Table.Td>
      <Table.Td>{row.corporation}</Table.Td>
      <Table.Td>{row.municipality}</Table.Td>
      <Table.Td>{row.neighbourhood ?? '—'}</Table.Td>
      <Table.Td>{row.complex ?? '—'}</Table.Td>
      <Table.Td>{breakableKind(UNIT_KIND_LABELS[row.kind])}</Table.Td>
      <Table.Td>{row.rooms}</Table.Td>
      <Table.Td>{row.floor === 0 ? 'begane grond' : row.floor}</Table.Td>
      <Table.Td>{yesNo(row.lift)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} ta="right">
        {formatMoney(row.rent)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.availableFrom)}</Table.Td>
      <Table.Td>
        <UnitStatusBadge status={row.status} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Lets a long compound kind break before "woning" in a narrow column ("Contingent" / "woning") with a
 * <wbr>, which, unlike a soft hyphen, leaves the text itself (copy, search, tests) untouched.
 */
function breakableKind(label: string): ReactNode {
  const m = /^(.*\p{L})(woning)$/u.exec(label);
  if (!m || label.length < 12) return label;
  return (
    <>
      {m[1]}
      <wbr />
      {m[2]}
    </>
  );
}
