// Woningen: every home offered to the uitstroomtafel in one windowed table, filtered (also "beschikbaar
// in de planningsperiode"), searched and sorted by the server, with "Nieuwe woning", import and export.
// Runs in the renderer; data from `units.list` and `reference.get` (filter choices).
import { Anchor, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { type UnitListInput, UNIT_SORT_KEYS, type UnitRow } from '../../../../shared/api/contract';
import { UNIT_KIND_LABELS, UNIT_KINDS, UNIT_STATUS_LABELS, UNIT_STATUSES } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { DateField } from '../../ui/date-field.component';
import { isIsoDate } from '../../ui/date-text.util';
import { formatDate, formatMoney, plural, yesNo } from '../../ui/format.util';
import { useListParams } from '../../ui/list-params.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { RegisterListHeader } from '../../ui/register-list-header.component';
import { PlainTh, SortableTh } from '../../ui/sortable-th.component';
import { UnitStatusBadge } from '../../ui/status-badges.component';
import { onlyKnown, useUrlFilters } from '../../ui/url-filters.hook';
import { ONE_LINE, WindowedTable } from '../../ui/windowed-table.component';
import { FilterSelect } from '../../ui/filter-select.component';

const COLUMN_COUNT = 13;
const ROW_HEIGHT = 34;
const FILTER_KEYS = ['corporatie', 'gemeente', 'soort', 'status', 'beschikbaar'];

export function UnitsListPage() {
  const list = useListParams(UNIT_SORT_KEYS, 'id');
  const filters = useUrlFilters();
  const navigate = useNavigate();
  const { search: listSearch } = useLocation();
  const reference = useQuery('reference.get', {});

  const corporations = filters.list('corporatie');
  const municipalities = filters.list('gemeente');
  const kinds = onlyKnown(filters.list('soort'), UNIT_KINDS);
  const statuses = onlyKnown(filters.list('status'), UNIT_STATUSES);
  const availableBy = filters.one('beschikbaar');
  const availableOk = isIsoDate(availableBy);
  const filterInput: Omit<UnitListInput, 'sortBy' | 'sortDir' | 'limit' | 'offset'> = {
    ...(list.search ? { search: list.search } : {}),
    ...(corporations.length ? { corporationIds: corporations } : {}),
    ...(municipalities.length ? { municipalityCodes: municipalities } : {}),
    ...(kinds.length ? { kinds } : {}),
    ...(statuses.length ? { statuses } : {}),
    ...(availableOk ? { availableBy } : {}),
  };
  const query = useQuery('units.list', { ...filterInput, sortBy: list.sortBy, sortDir: list.sortDir, limit: 10000 }, { keepPrevious: true });
  const filtered = corporations.length + municipalities.length + kinds.length + statuses.length > 0 || availableBy !== '';

  const open = (id: string) => navigate(`/woningen/${encodeURIComponent(id)}`, { state: { listSearch } });
  const th = { activeKey: list.sortBy, dir: list.sortDir, onSort: list.toggleSort };
  const ref = reference.data;

  return (
    <Stack gap="sm">
      <RegisterListHeader
        kind="units"
        testId="unit"
        title="Woningen"
        countText={query.data ? plural(query.data.total, 'woning', 'woningen') : null}
        refreshing={query.loading && !!query.data}
        search={list.searchText}
        onSearch={list.setSearchText}
        searchPlaceholder="Zoek op code, adres of plaats"
        searchLabel="Zoek woningen"
        filters={filterInput}
        importHref="/importeren?soort=woningen"
        newHref="/woningen/nieuw"
        newLabel="Nieuwe woning"
      />

      <Group gap="xs" align="flex-end" data-testid="unit-filters">
        <FilterSelect
          label="Corporatie"
          options={(ref?.corporations ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={corporations}
          onChange={(v) => filters.set('corporatie', v)}
          searchable
          minWidth={200}
          testId="filter-corporation"
        />
        <FilterSelect
          label="Gemeente"
          options={(ref?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))}
          value={municipalities}
          onChange={(v) => filters.set('gemeente', v)}
          searchable
          minWidth={170}
          testId="filter-municipality"
        />
        <FilterSelect
          label="Soort"
          options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          value={kinds}
          onChange={(v) => filters.set('soort', v)}
          minWidth={190}
          testId="filter-kind"
        />
        <FilterSelect
          label="Status"
          options={UNIT_STATUSES.map((s) => ({ value: s, label: UNIT_STATUS_LABELS[s] }))}
          value={statuses}
          onChange={(v) => filters.set('status', v)}
          minWidth={160}
          testId="filter-status"
        />
        <PlanningWindowInput value={availableBy} onChange={(v) => filters.set('beschikbaar', v)} />
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
          tableProps={{ highlightOnHover: true, striped: true, verticalSpacing: 6, horizontalSpacing: 5, fz: 12, 'data-testid': 'unit-table' }}
          header={
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
          }
          renderRow={(row) => <UnitTableRow row={row} onOpen={open} listSearch={listSearch} />}
          empty={
            <Text c="dimmed" ta="center" py="md">
              Geen woningen gevonden{list.search ? ` voor “${list.search}”` : ''}
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

/** "Beschikbaar in planningsperiode (t/m datum)": applied once the text is a real date (or emptied). */
function PlanningWindowInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <DateField
      label="Beschikbaar in planningsperiode t/m"
      value={text}
      onChange={(v) => {
        setText(v);
        if (v === '' || isIsoDate(v)) onChange(v);
      }}
      size="xs"
      w={280}
      data-testid="filter-available-by"
    />
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
      style={{ cursor: 'pointer', height: ROW_HEIGHT }}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/woningen/${encodeURIComponent(row.id)}`} state={{ listSearch }} fw={600} fz="inherit" onClick={(e) => e.stopPropagation()}>
          {row.id}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 118 }} title={row.address ?? undefined}>{row.address ?? '—'}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 100 }} title={row.corporation}>{row.corporation}</Table.Td>
      <Table.Td style={ONE_LINE}>{row.municipality}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 98 }} title={row.neighbourhood ?? undefined}>{row.neighbourhood ?? '—'}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 90 }} title={row.complex ?? undefined}>{row.complex ?? '—'}</Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 100 }} title={UNIT_KIND_LABELS[row.kind]}>{UNIT_KIND_LABELS[row.kind]}</Table.Td>
      <Table.Td>{row.rooms}</Table.Td>
      <Table.Td style={ONE_LINE} title={row.floor === 0 ? 'begane grond' : undefined}>{row.floor === 0 ? 'b.g.' : row.floor}</Table.Td>
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
