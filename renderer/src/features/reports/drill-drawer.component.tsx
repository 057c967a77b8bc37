// The rows behind one monitor figure, in a drawer: the figure's section, row and column with the same
// filters go to `monitor.rows`; the answer is a table of pseudonymous rows with the total. Runs in the renderer.
import { Alert, Drawer, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { MonitorFilters } from '../../../../shared/api/reports.contract';
import type { ColumnType } from '../../../../shared/reports/report-doc';
import { useQuery } from '../../api/use-query.hook';
import { plural } from '../../ui/format.util';
import { ErrorAlert } from '../../ui/query-state.component';
import { formatCell, isNumericType } from '../../../../shared/reports/format-nl';
import type { DrillTarget } from './report-doc-view.component';


export interface DrillDrawerProps {
  filters: MonitorFilters;
  target: DrillTarget | null;
  onClose: () => void;
  /** A provider worker sees only their own clients behind a figure. */
  ownClientsOnly: boolean;
}

export function DrillDrawer({ filters, target, onClose, ownClientsOnly }: DrillDrawerProps) {
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={1120}
      title="De rijen achter het cijfer"
      closeButtonProps={{ 'aria-label': 'Sluiten' }}
      data-testid="drill-drawer"
    >
      {target && <DrillRows filters={filters} target={target} ownClientsOnly={ownClientsOnly} />}
    </Drawer>
  );
}

function DrillRows({ filters, target, ownClientsOnly }: { filters: MonitorFilters; target: DrillTarget; ownClientsOnly: boolean }) {
  const rows = useQuery('monitor.rows', {
    filters,
    section: target.section,
    ...(target.rowKey !== undefined ? { rowKey: target.rowKey } : {}),
    ...(target.columnKey !== undefined ? { columnKey: target.columnKey } : {}),
  });
  const data = rows.data;
  return (
    <Stack gap="sm" data-testid="drill-content">
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Text fw={600} data-testid="drill-figure">
          {data?.title ?? target.label}
        </Text>
        {data && (
          <Text size="sm" data-testid="drill-total" data-total={data.total} style={{ whiteSpace: 'nowrap' }}>
            Totaal: {plural(data.total, 'rij', 'rijen')}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed" mt={-8}>
        Het cijfer op het scherm: {target.value}
      </Text>
      {ownClientsOnly && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} py="xs">
          U ziet alleen de kandidaten van uw eigen zorgaanbieder; het cijfer telt de hele regio.
        </Alert>
      )}
      {rows.error && <ErrorAlert error={rows.error} onRetry={rows.refetch} />}
      {!data && !rows.error && <Skeleton h={200} />}
      {data && (
        <>
          {data.rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              Geen rijen achter dit cijfer.
            </Text>
          ) : (
            <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`Tabel: ${data.title}`}>
              <Table fz="sm" striped withTableBorder verticalSpacing={4} data-testid="drill-table">
                <Table.Thead>
                  <Table.Tr>
                    {data.columns.map((c) => (
                      <Table.Th key={c.key} ta={isNumericType(c.type) ? 'right' : 'left'} style={{ whiteSpace: 'nowrap' }}>
                        {c.label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((r) => (
                    <Table.Tr key={r.key} data-testid="drill-row">
                      {data.columns.map((c) => (
                        <Table.Td key={c.key} ta={isNumericType(c.type) ? 'right' : 'left'} style={{ whiteSpace: 'nowrap' }}>
                          {formatCell(r.cells[c.key] ?? null, c.type)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={data.columns.length}>Totaal: {plural(data.total, 'rij', 'rijen')}</Table.Th>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </div>
          )}
          {data.rows.length < data.total && (
            <Text size="sm" c="dimmed">
              De eerste {plural(data.rows.length, 'rij', 'rijen')} van {data.total.toLocaleString('nl-NL')} getoond.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
