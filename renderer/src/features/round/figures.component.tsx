// The round figures at the top of a proposal: placed, share home/network municipality, highest
// neighbourhood load, exchange balances, quota use and optimality, for the proposal and for today's
// practice (greedy) side by side, each term with its explanation. Pure presentation; runs in the renderer.
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { Figures, Proposal } from '../../../../shared/engine/round.schema';
import { PROVEN_HELP, optimalityLabel } from '../../../../shared/domain/round-words';
import { formatPoints, formatSigned } from '../../../../shared/reports/format-nl';
import { formatCount } from '../../ui/format.util';
import { TERM_HELP, TermHelp } from './term-help.component';

export interface FigureColumn {
  title: string;
  /** A line under the title (how the column's allocation was made). */
  note?: string;
  figures: Figures;
  optimality?: Proposal['optimality'];
  totalScore?: number;
  /** Why homes stay empty, per reason ("5 woningen blijven leeg door de buurtgrens"), when the proposal has it. */
  emptyHomes?: string[];
  testId: string;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

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
          <Stack gap={0}>
            <Title order={4}>{column.title}</Title>
            {column.note && (
              <Text size="xs" c="dimmed" data-testid={`${column.testId}-note`}>
                {column.note}
              </Text>
            )}
          </Stack>
          {column.optimality && (
            <Group gap={2} wrap="nowrap">
              <OptimalityBadge optimality={column.optimality} />
              <TermHelp term="beste verdeling" help={optimalityHelp(column.optimality)} testId={`${column.testId}-help-optimality`} />
            </Group>
          )}
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Stat label="Geplaatst" help={TERM_HELP.placed} value={`${f.placed} van ${f.candidates}`} testId={`${column.testId}-placed`} />
          <Stat label="Gemeente van herkomst / netwerk" help={TERM_HELP.homeOrNetwork} value={pct(f.homeOrNetworkShare)} testId={`${column.testId}-home`} />
          <Stat
            label="Hoogste buurtbelasting"
            help={TERM_HELP.neighbourhoodLoad}
            value={load ? `${load.placements} van max. ${load.limit}` : '—'}
            hint={load ? `plaatsingen in ${load.name}` : 'geen plaatsingen in een buurt met een grens'}
            testId={`${column.testId}-load`}
          />
        </SimpleGrid>
        <Group gap="lg">
          <Text size="xs" c="dimmed" data-testid={`${column.testId}-pairs`}>
            {formatCount(f.unitsAvailable)} {f.unitsAvailable === 1 ? 'woning' : 'woningen'} · {formatCount(f.possiblePairs)}{' '}
            {f.possiblePairs === 1 ? 'mogelijke koppeling' : 'mogelijke koppelingen'}
            <TermHelp term="mogelijke koppelingen" help={TERM_HELP.possiblePairs} testId={`${column.testId}-help-pairs`} />
          </Text>
          {column.totalScore !== undefined && (
            <Text size="xs" c="dimmed">
              Totaalscore {formatPoints(column.totalScore)}
              <TermHelp term="totaalscore" help={TERM_HELP.totalScore} testId={`${column.testId}-help-total`} />
            </Text>
          )}
          {f.penalties > 0 && (
            <Text size="xs" c="orange.9" data-testid={`${column.testId}-penalties`}>
              Strafpunten zachte grenzen: {formatPoints(f.penalties)}
              <TermHelp term="strafpunten zachte grenzen" help={TERM_HELP.penalties} testId={`${column.testId}-help-penalties`} />
            </Text>
          )}
        </Group>
        {column.emptyHomes && column.emptyHomes.length > 0 && (
          <Text size="xs" c="dimmed" data-testid={`${column.testId}-empty`}>
            {column.emptyHomes.join('; ')}.
          </Text>
        )}
        <div>
          <Text size="sm" fw={600} mb={4}>
            Uitwisselingsbalans per gemeente
            <TermHelp term="uitwisselingsbalans" help={TERM_HELP.exchange} testId={`${column.testId}-help-exchange`} />
          </Text>
          <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Gemeente</Table.Th>
                <Table.Th ta="right">Voor</Table.Th>
                <Table.Th ta="right">Na</Table.Th>
                <Table.Th ta="right">
                  <TermHelp term="band" help={TERM_HELP.band} testId={`${column.testId}-help-band`} />
                  Band
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.exchangeBalances.map((b) => {
                const outside = Math.abs(b.after) > b.band;
                return (
                  <Table.Tr key={b.municipalityCode}>
                    <Table.Td>{b.name}</Table.Td>
                    <Table.Td ta="right">{formatSigned(b.before)}</Table.Td>
                    <Table.Td ta="right" c={outside ? 'red.8' : undefined} fw={outside ? 600 : undefined} data-outside={outside}>
                      {outside && <IconAlertTriangle size={12} aria-hidden style={{ marginRight: 4, verticalAlign: 'middle' }} />}
                      {formatSigned(b.after)}
                      {outside && <VisuallyHidden> (buiten de band)</VisuallyHidden>}
                    </Table.Td>
                    <Table.Td ta="right">±{b.band}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {f.exchangeBalances.some((b) => Math.abs(b.after) > b.band) && (
            <Text size="xs" c="red.8" mt={2} data-testid={`${column.testId}-outside-band`}>
              Rood met waarschuwing: na dit voorstel buiten de band. Bij een zachte grens kost dat strafpunten.
            </Text>
          )}
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Afspraken (quotum)
            <TermHelp term="afspraken (quotum)" help={TERM_HELP.quota} testId={`${column.testId}-help-quota`} />
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

function Stat({ label, help, value, hint, testId }: { label: string; help: string; value: string; hint?: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
        <TermHelp term={label.toLowerCase()} help={help} testId={`${testId}-help`} />
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

/** What the optimality badge means, in words a chair reads (no solver terms for the proven case). */
function optimalityHelp(o: Proposal['optimality']): string {
  if (o.status === 'proven') return PROVEN_HELP;
  if (o.status === 'unproven') return `${o.note} De grens is de hoogst haalbare totaalscore.`;
  return o.note;
}

export function OptimalityBadge({ optimality }: { optimality: Proposal['optimality'] }) {
  // The agenda's words for it too (shared/domain/round-words).
  const label = optimalityLabel(optimality);
  return (
    <Badge
        color={optimality.status === 'proven' ? 'green' : optimality.status === 'unproven' ? 'orange' : 'gray'}
        variant="light"
        leftSection={optimality.status === 'proven' ? <IconCircleCheck size={14} /> : <IconInfoCircle size={14} />}
        data-testid="optimality"
      >
        {label}
      </Badge>
  );
}
