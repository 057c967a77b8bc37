// Kandidaten: the region's clients in one windowed table, filtered, searched and sorted by the server, with
// new, import and export; a provider worker sees only their own (narrowed by the backend), without a
// provider filter. Runs in the renderer; data from `clients.list` and `reference.get`.
import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { CLIENT_SORT_KEYS, type ClientListInput, type ClientRow, READINESS_FILTERS } from '../../../../shared/api/contract';
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, CLIENT_STATUS_LABELS, CLIENT_STATUSES } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { useSessionUser } from '../auth/auth.context';
import { formatDate, plural } from '../../ui/format.util';
import { useListParams } from '../../ui/list-params.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { RegisterListHeader } from '../../ui/register-list-header.component';
import { PlainTh, SortableTh } from '../../ui/sortable-th.component';
import { ClientStatusBadge, ReadinessBadge, UrgencyBadge, urgencyApplies } from '../../ui/status-badges.component';
import { onlyKnown, useUrlFilters } from '../../ui/url-filters.hook';
import { ONE_LINE, WindowedTable } from '../../ui/windowed-table.component';
import { FilterSelect } from '../../ui/filter-select.component';

const COLUMN_COUNT = 12;
const ROW_HEIGHT = 34;
const FILTER_KEYS = ['doelgroep', 'herkomst', 'zorgaanbieder', 'voorwaarden', 'status'];

export function ClientsListPage() {
  const list = useListParams(CLIENT_SORT_KEYS, 'id');
  const filters = useUrlFilters();
  const navigate = useNavigate();
  const { search: listSearch } = useLocation();
  const reference = useQuery('reference.get', {});
  const user = useSessionUser();
  const ownProvider = user.role === 'provider' ? (reference.data?.careProviders.find((p) => p.id === user.careProviderId)?.name ?? user.careProviderId) : null;

  const groups = onlyKnown(filters.list('doelgroep'), CLIENT_GROUPS);
  const origins = filters.list('herkomst');
  const providers = filters.list('zorgaanbieder');
  const readiness = onlyKnown([filters.one('voorwaarden')], READINESS_FILTERS)[0];
  const statuses = onlyKnown(filters.list('status'), CLIENT_STATUSES);
  const filterInput: Omit<ClientListInput, 'sortBy' | 'sortDir' | 'limit' | 'offset'> = {
    ...(list.search ? { search: list.search } : {}),
    ...(groups.length ? { groups } : {}),
    ...(origins.length ? { originMunicipalityCodes: origins } : {}),
    ...(providers.length ? { careProviderIds: providers } : {}),
    ...(readiness ? { readiness } : {}),
    ...(statuses.length ? { statuses } : {}),
  };
  // Every match at once (up to 10,000): the table windows the rendering.
  const query = useQuery('clients.list', { ...filterInput, sortBy: list.sortBy, sortDir: list.sortDir, limit: 10000 }, { keepPrevious: true });
  const filtered = groups.length + origins.length + providers.length + statuses.length > 0 || readiness !== undefined;

  // The detail page's back link returns to this search, sort and filter.
  const open = (id: string) => navigate(`/kandidaten/${encodeURIComponent(id)}`, { state: { listSearch } });
  const onRowKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter') open(id);
  };
  const th = { activeKey: list.sortBy, dir: list.sortDir, onSort: list.toggleSort };
  const ref = reference.data;

  return (
    <Stack gap="sm">
      <RegisterListHeader
        kind="clients"
        testId="client"
        title={ownProvider ? `Kandidaten van ${ownProvider}` : 'Kandidaten'}
        countText={query.data ? plural(query.data.total, 'kandidaat', 'kandidaten') : null}
        refreshing={query.loading && !!query.data}
        search={list.searchText}
        onSearch={list.setSearchText}
        searchPlaceholder="Zoek op code, naam of plaats"
        searchLabel="Zoek kandidaten"
        filters={filterInput}
        importHref="/importeren?soort=kandidaten"
        newHref="/kandidaten/nieuw"
        newLabel="Nieuwe kandidaat"
      />

      <Group gap="xs" align="flex-end" data-testid="client-filters">
        <FilterSelect
          label="Doelgroep"
          options={CLIENT_GROUPS.map((g) => ({ value: g, label: CLIENT_GROUP_LABELS[g] }))}
          value={groups}
          onChange={(v) => filters.set('doelgroep', v)}
          minWidth={190}
          testId="filter-group"
        />
        <FilterSelect
          label="Gemeente van herkomst"
          options={(ref?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))}
          value={origins}
          onChange={(v) => filters.set('herkomst', v)}
          searchable
          minWidth={190}
          testId="filter-origin"
        />
        {!ownProvider && (
          <FilterSelect
            label="Zorgaanbieder"
            options={(ref?.careProviders ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={providers}
            onChange={(v) => filters.set('zorgaanbieder', v)}
            searchable
            minWidth={210}
            testId="filter-provider"
          />
        )}
        <Select
          label="Voorwaarden"
          placeholder="Alle"
          data={[
            { value: 'ready', label: 'Alle vervuld' },
            { value: 'not-ready', label: 'Nog niet alle vervuld' },
          ]}
          value={readiness ?? null}
          onChange={(v) => filters.set('voorwaarden', v)}
          clearable
          size="xs"
          w={170}
          data-testid="filter-readiness"
        />
        <FilterSelect
          label="Status"
          options={CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }))}
          value={statuses}
          onChange={(v) => filters.set('status', v)}
          emptyText="Alle behalve gearchiveerd"
          minWidth={210}
          testId="filter-status"
        />
        {filtered && (
          <Button variant="subtle" size="xs" onClick={() => filters.clear(FILTER_KEYS)} data-testid="filter-clear">
            Filters wissen
          </Button>
        )}
      </Group>

      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {!query.data && !query.error && <PageSkeleton lines={10} />}

      {query.data && (
        <WindowedTable
          rows={query.data.rows}
          rowKey={(r) => r.id}
          rowHeight={ROW_HEIGHT}
          columnCount={COLUMN_COUNT}
          height="calc(100vh - 250px)"
          resetKey={listSearch}
          tableProps={{ highlightOnHover: true, striped: true, verticalSpacing: 6, horizontalSpacing: 5, fz: 12, 'data-testid': 'client-table' }}
          header={
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
          }
          renderRow={(row) => <ClientTableRow row={row} onOpen={open} onKey={onRowKey} listSearch={listSearch} />}
          empty={
            <Text c="dimmed" ta="center" py="md">
              Geen kandidaten gevonden{list.search ? ` voor “${list.search}”` : ''}
              {filtered ? ' met deze filters' : ''}.
            </Text>
          }
        />
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
      style={{ cursor: 'pointer', height: ROW_HEIGHT }}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/kandidaten/${encodeURIComponent(row.id)}`} state={{ listSearch }} fw={600} fz="inherit" onClick={(e) => e.stopPropagation()}>
          {row.id}
        </Anchor>
      </Table.Td>
      <Table.Td style={ONE_LINE}>{row.name ?? '—'}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 140 }} title={CLIENT_GROUP_LABELS[row.group]}>{CLIENT_GROUP_LABELS[row.group]}</Table.Td>
      <Table.Td>{row.age}</Table.Td>
      <Table.Td>{row.householdSize}</Table.Td>
      <Table.Td style={ONE_LINE}>{row.originMunicipality}</Table.Td>
      <Table.Td style={ONE_LINE}>{row.currentMunicipality}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 140 }} title={row.careProvider}>{row.careProvider}</Table.Td>
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
        {urgencyApplies(row.status) ? (
          <UrgencyBadge urgency={row.urgency} />
        ) : (
          <Text span fz="inherit" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ClientStatusBadge status={row.status} />
      </Table.Td>
    </Table.Tr>
  );
}
