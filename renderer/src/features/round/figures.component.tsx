// The round figures at the top of a proposal: placed, share home/network municipality, highest
// neighbourhood load, exchange balances, quota use and optimality, for the proposal and for today's
// practice (greedy) side by side. Pure presentation; runs in the renderer.
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { Figures, Proposal } from '../../../../shared/engine/round.schema';

export interface FigureColumn {
  title: string;
  figures: Figures;
  optimality?: Proposal['optimality'];
  totalScore?: number;
  testId: string;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const points = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });

export function FiguresPanel({
  columns,
  corporationName,
  municipalityName = (code) => code,
}: {
  columns: FigureColumn[];
  corporationName: (id: string) => string;
  municipalityName?: (code: string) => string;
}) {
  return (
    <SimpleGrid cols={{ base: 1, lg: columns.length }} spacing="md" data-testid="figures">
      {columns.map((c) => (
        <FigureCard key={c.testId} column={c} corporationName={corporationName} municipalityName={municipalityName} />
      ))}
    </SimpleGrid>
  );
}

function FigureCard({
  column,
  corporationName,
  municipalityName,
}: {
  column: FigureColumn;
  corporationName: (id: string) => string;
  municipalityName: (code: string) => string;
}) {
  const f = column.figures;
  const load = f.highestNeighbourhoodLoad;
  return (
    <Card withBorder radius="md" padding="md" data-testid={column.testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{column.title}</Title>
          {column.optimality && <OptimalityBadge optimality={column.optimality} />}
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Stat label="Geplaatst" value={`${f.placed} van ${f.candidates}`} testId={`${column.testId}-placed`} />
          <Stat label="Gemeente van herkomst / netwerk" value={pct(f.homeOrNetworkShare)} testId={`${column.testId}-home`} />
          <Stat
            label="Hoogste buurtbelasting"
            value={load ? `${load.placements} / ${load.limit}` : '—'}
            hint={load ? load.name : 'geen plaatsingen in een buurt met een grens'}
            testId={`${column.testId}-load`}
          />
        </SimpleGrid>
        <Group gap="lg">
          <Text size="xs" c="dimmed">
            {f.unitsAvailable} woningen · {f.possiblePairs} mogelijke koppelingen
          </Text>
          {column.totalScore !== undefined && (
            <Text size="xs" c="dimmed">
              Totaalscore {points(column.totalScore)}
            </Text>
          )}
          {f.penalties > 0 && (
            <Text size="xs" c="orange.8">
              Strafpunten zachte grenzen: {points(f.penalties)}
            </Text>
          )}
        </Group>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Uitwisselingsbalans per gemeente
          </Text>
          <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Gemeente</Table.Th>
                <Table.Th ta="right">Voor</Table.Th>
                <Table.Th ta="right">Na</Table.Th>
                <Table.Th ta="right">Band</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.exchangeBalances.map((b) => {
                const outside = Math.abs(b.after) > b.band;
                return (
                  <Table.Tr key={b.municipalityCode}>
                    <Table.Td>{b.name}</Table.Td>
                    <Table.Td ta="right">{signed(b.before)}</Table.Td>
                    <Table.Td ta="right" c={outside ? 'red.8' : undefined} fw={outside ? 600 : undefined}>
                      {signed(b.after)}
                    </Table.Td>
                    <Table.Td ta="right">±{b.band}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Afspraken (quotum)
          </Text>
          {f.quotaUse.length === 0 ? (
            <Text size="xs" c="dimmed">
              Geen afspraken voor dit jaar.
            </Text>
          ) : (
            <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Corporatie</Table.Th>
                  <Table.Th ta="right">Al gebruikt</Table.Th>
                  <Table.Th ta="right">Voorstel</Table.Th>
                  <Table.Th ta="right">Afspraak</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.quotaUse.map((q) => {
                  const over = q.kind === 'maximum' && q.usedBefore + q.proposed > q.agreed;
                  return (
                    <Table.Tr key={`${q.corporationId}-${q.municipalityCode}-${q.year}`}>
                      <Table.Td>
                        {corporationName(q.corporationId)}
                        <Text span size="xs" c="dimmed">
                          {` · ${municipalityName(q.municipalityCode)}`}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{q.usedBefore}</Table.Td>
                      <Table.Td ta="right" c={over ? 'red.8' : undefined}>
                        +{q.proposed}
                      </Table.Td>
                      <Table.Td ta="right">
                        {q.kind === 'maximum' ? 'max. ' : ''}
                        {q.agreed}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </div>
      </Stack>
    </Card>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {hint}
        </Text>
      )}
    </Stack>
  );
}

export function OptimalityBadge({ optimality }: { optimality: Proposal['optimality'] }) {
  const label =
    optimality.status === 'proven'
      ? 'Bewezen optimaal'
      : optimality.status === 'unproven'
        ? `Niet bewezen, grens ${optimality.bound !== null ? points(optimality.bound) : '—'}`
        : 'Vuistregel (geen bewijs)';
  return (
    <Tooltip label={`${optimality.note} (${optimality.method})`} multiline w={320} withArrow>
      <Badge
        color={optimality.status === 'proven' ? 'green' : optimality.status === 'unproven' ? 'orange' : 'gray'}
        variant="light"
        leftSection={optimality.status === 'proven' ? <IconCircleCheck size={14} /> : <IconInfoCircle size={14} />}
        data-testid="optimality"
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
