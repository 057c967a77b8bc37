// Afgerond: the record of a closed round — what became of every pair (placed, back to the pool and why,
// not placed while the client's answer was unknown), who decided what — and the way to the follow-up.
// Runs in the renderer; data from `rounds.get` and `placements.list`.
import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import { plural } from '../../../../shared/reports/format-nl';
import { useQuery } from '../../api/use-query.hook';
import { formatMoment } from '../../../../shared/domain/moments';
import { formatDate } from '../../ui/format.util';
import { CloseOutcome, FateBadge, capitalise, outcomeSentence, releaseHeading } from './close-outcome.component';
import { CLIENT_ANSWER_LABELS, DecidedBy, DecisionBadge, decisionDetail } from './decide.step';
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
  const fates = new Map(round.outcome.map((o) => [`${o.clientId}|${o.unitId}`, o.fate]));
  const latest = round.versions.at(-1)?.version;
  return (
    <Stack gap="md" data-testid="closed-step">
      <Alert color="green" variant="light" title="Ronde afgerond" data-testid="closed-summary">
        Afgesloten op {round.closedAt ? formatMoment(round.closedAt) : '—'} door {names.person(round.closedBy)}.{' '}
        {placements.data ? `${plural(placements.data.length, 'plaatsing', 'plaatsingen')} aangemaakt. ` : ''}
        {outcomeSentence(round.outcome, 'past')}
        {round.releases.length > 0 && ` ${capitalise(releaseHeading(round.releases, 'past'))}.`}
      </Alert>
      <Button component={Link} to="/uitstroomtafel/nazorg" leftSection={<IconListCheck size={16} />} w="fit-content" data-testid="to-followup">
        Naar de nazorg
      </Button>
      <Title order={3}>Wat er met de voorstellen is gebeurd{latest ? ` (versie ${latest})` : ''}</Title>
      <CloseOutcome round={round} names={names} tense="past" />
      <Title order={3}>Besluiten</Title>
      <Table fz="sm" verticalSpacing={4} data-testid="closed-decisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Woning</Table.Th>
            <Table.Th>Corporatie</Table.Th>
            <Table.Th>Cliënt</Table.Th>
            <Table.Th>Uitkomst</Table.Th>
            <Table.Th>Besloten door</Table.Th>
            <Table.Th>Op</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {round.decisions.map((d) => {
            const fate = fates.get(`${d.clientId}|${d.unitId}`);
            return (
              <Table.Tr key={`${d.version}-${d.clientId}-${d.unitId}`} data-testid={`closed-row-${d.clientId}`}>
                <Table.Td>{names.client(d.clientId)}</Table.Td>
                <Table.Td>{names.unit(d.unitId)}</Table.Td>
                <Table.Td>
                  <DecisionBadge decision={d} />{' '}
                  <Text span size="xs" c="dimmed">
                    {decisionDetail(d)}
                  </Text>
                </Table.Td>
                <Table.Td>{CLIENT_ANSWER_LABELS[d.clientAnswer]}</Table.Td>
                <Table.Td>
                  {fate ? (
                    <FateBadge fate={fate} />
                  ) : (
                    <Text span size="sm" c="dimmed">
                      Niet in de laatste versie (besluit van versie {d.version})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <DecidedBy decision={d} round={round} names={names} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.decidedAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
