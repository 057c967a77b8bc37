// Rapportages: the regional monitor — counts only, never a person (clients by status, ready clients by
// group, homes by status, placements by municipality, rounds). Every role may read it; it is the
// read-only role's start page. Runs in the renderer; data from `monitor.figures`.
import { Card, Group, Progress, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity, IconChartBar, IconHome, IconHomeCheck, IconListCheck, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MonitorFigures } from '../../../../shared/api/monitor.contract';
import { useQuery } from '../../api/use-query.hook';
import { None, SectionCard } from '../../ui/detail-blocks.component';
import { formatCount } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';

type Count = MonitorFigures['clientsByStatus'][number];

const sum = (rows: Count[]): number => rows.reduce((total, r) => total + r.count, 0);

export function ReportsPage() {
  const figures = useQuery('monitor.figures', {});
  return (
    <Stack gap="md" data-testid="reports-page">
      <Stack gap={2}>
        <Title order={2}>Rapportages: de monitor</Title>
        <Text size="sm" c="dimmed">
          Aantallen voor de regio — nooit een persoon. De cijfers blijven bewaard als kandidaten na de bewaartermijn worden
          gepseudonimiseerd of verwijderd.
        </Text>
      </Stack>
      {figures.error && <ErrorAlert error={figures.error} onRetry={figures.refetch} />}
      {!figures.data && !figures.error && <PageSkeleton lines={8} />}
      {figures.data && <Figures data={figures.data} />}
    </Stack>
  );
}

function Figures({ data }: { data: MonitorFigures }) {
  const placed = sum(data.placementsByMunicipality);
  return (
    <Stack gap="md" data-testid="monitor-page">
      <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="sm" data-testid="monitor-totals">
        <Stat label="Kandidaten in het register" value={sum(data.clientsByStatus)} icon={<IconUsers size={20} />} testId="monitor-total-clients" />
        <Stat label="Woonrijp en actief" value={sum(data.readyByGroup)} icon={<IconListCheck size={20} />} testId="monitor-total-ready" />
        <Stat label="Woningen" value={sum(data.unitsByStatus)} icon={<IconHome size={20} />} testId="monitor-total-units" />
        <Stat label="Gehuisvest" value={placed} icon={<IconHomeCheck size={20} />} testId="monitor-total-placed" />
        <Stat
          label="Rondes"
          value={data.rounds.total}
          extra={`${formatCount(data.rounds.closed)} gesloten`}
          icon={<IconBuildingCommunity size={20} />}
          testId="monitor-total-rounds"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CountTable title="Kandidaten naar status" what="Status" rows={data.clientsByStatus} testId="monitor-clients" />
        <CountTable title="Woonrijpe kandidaten naar doelgroep" what="Doelgroep" rows={data.readyByGroup} testId="monitor-ready" />
        <CountTable title="Woningen naar status" what="Status" rows={data.unitsByStatus} testId="monitor-units" />
        <CountTable title="Plaatsingen naar gemeente van de woning" what="Gemeente" rows={data.placementsByMunicipality} testId="monitor-placements" />
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, extra, icon, testId }: { label: string; value: number; extra?: string; icon: ReactNode; testId: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Stack gap={0}>
          <Text size="xl" fw={700} lh={1.2}>
            {formatCount(value)}
          </Text>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          {extra && (
            <Text size="xs" c="dimmed">
              {extra}
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

/** One dimension as a table: label, count and its share of the total (a bar with the percentage). */
function CountTable({ title, what, rows, testId }: { title: string; what: string; rows: Count[]; testId: string }) {
  const total = sum(rows);
  return (
    <SectionCard title={title} icon={<IconChartBar size={20} />} testId={testId}>
      {rows.length === 0 ? (
        <None>Nog niets te tellen.</None>
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{what}</Table.Th>
              <Table.Th ta="right">Aantal</Table.Th>
              <Table.Th w="35%">Aandeel</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const share = total > 0 ? Math.round((r.count / total) * 100) : 0;
              return (
                <Table.Tr key={r.key} data-testid={`${testId}-${r.key}`}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatCount(r.count)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={share} size="sm" style={{ flex: 1 }} aria-label={`${r.label}: ${share}%`} />
                      <Text size="xs" c="dimmed" w={36} ta="right">
                        {share}%
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Totaal</Table.Th>
              <Table.Th ta="right">{formatCount(total)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </SectionCard>
  );
}
