// Afgerond: the record of a closed round — who decided what, which pairs became placements — with a
// link to the follow-up list. Runs in the renderer; data from `rounds.get` and `placements.list`.
import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import { useQuery } from '../../api/use-query.hook';
import { formatDate, formatDateTime } from '../../ui/format.util';
import { CLIENT_ANSWER_LABELS, DecisionBadge, decisionDetail } from './decide.step';
import { useRoundNames } from './round-names.hook';

export function ClosedStep({ round }: { round: RoundDetail }) {
  const names = useRoundNames(round);
  const placements = useQuery('placements.list', { roundId: round.id });
  if (round.status !== 'closed') {
    return (
      <Alert color="blue" variant="light" data-testid="closed-step">
        Deze ronde is nog niet afgesloten. Leg eerst bij Besluiten alle besluiten vast.
      </Alert>
    );
  }
  return (
    <Stack gap="md" data-testid="closed-step">
      <Alert color="green" variant="light" title="Ronde afgerond" data-testid="closed-summary">
        Afgesloten op {round.closedAt ? formatDateTime(round.closedAt) : '—'} door {round.closedBy ?? '—'}.{' '}
        {placements.data ? `${placements.data.length} plaatsingen aangemaakt.` : ''}
      </Alert>
      <Button component={Link} to="/uitstroomtafel/nazorg" leftSection={<IconListCheck size={16} />} w="fit-content" data-testid="to-followup">
        Naar de nazorg
      </Button>
      <Title order={4}>Besluiten</Title>
      <Table fz="sm" verticalSpacing={4} data-testid="closed-decisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Woning</Table.Th>
            <Table.Th>Corporatie</Table.Th>
            <Table.Th>Cliënt</Table.Th>
            <Table.Th>Door</Table.Th>
            <Table.Th>Op</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {round.decisions.map((d) => (
            <Table.Tr key={`${d.version}-${d.clientId}-${d.unitId}`}>
              <Table.Td>{names.client(d.clientId)}</Table.Td>
              <Table.Td>{names.unit(d.unitId)}</Table.Td>
              <Table.Td>
                <DecisionBadge decision={d} />{' '}
                <Text span size="xs" c="dimmed">
                  {decisionDetail(d)}
                </Text>
              </Table.Td>
              <Table.Td>{CLIENT_ANSWER_LABELS[d.clientAnswer]}</Table.Td>
              <Table.Td>{d.decidedBy}</Table.Td>
              <Table.Td>{formatDate(d.decidedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
