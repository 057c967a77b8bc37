// "Waarom dit voorstel" and "Waarom niet": a proposal's score terms, the deviation from the
// municipality of origin, the omklap home the client moves out of, the binding round limits and the alternatives; an unplaced client's reasons.
// Pure presentation over the engine's Match and Unplaced; runs in the renderer.
import { Alert, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowsExchange, IconHomeMove, IconLock, IconRoute } from '@tabler/icons-react';
import type { Match, Unplaced } from '../../../../shared/engine/round.schema';
import { DEVIATION_REASON_LABELS, DEVIATION_REASONS, type DeviationReason } from '../../../../shared/domain/codes';
import { formatPoints, formatSigned } from '../../../../shared/reports/format-nl';
import { DEVIATION_HELP, TERM_HELP, TermHelp } from './term-help.component';

/** How the round screens name things: pseudonymous codes, names only where the data has them. */
export interface RoundNames {
  client: (id: string) => string;
  unit: (id: string) => string;
  municipality: (code: string) => string;
}

/** Every score on the round screens: one decimal and the real minus sign ("187,5", "−7,5"). */
export { formatPoints };
/** A score term or difference with its sign: "+40,0", "−4,9". */
const signedPoints = (n: number) => formatSigned(n, 1);

export function deviationLabel(reason: string, fallback: string): string {
  const known = DEVIATION_REASONS.find((r): r is DeviationReason => r === reason);
  return known ? DEVIATION_REASON_LABELS[known] : fallback;
}

export function MatchExplanation({ match, names }: { match: Match; names: RoundNames }) {
  const total = match.terms.reduce((s, t) => s + t.points, 0);
  return (
    <Stack gap="md" data-testid="explanation">
      <Group gap="xs">
        <Text fw={600}>{names.client(match.clientId)}</Text>
        <Text c="dimmed">→</Text>
        <Text fw={600}>{names.unit(match.unitId)}</Text>
        {match.locked && (
          <Badge color="violet" variant="light" leftSection={<IconLock size={12} />}>
            Vastgezet
          </Badge>
        )}
      </Group>

      {match.deviation && (
        <Alert color="blue" variant="light" icon={<IconRoute size={18} />} title="Afwijking van de gemeente van herkomst" data-testid="deviation">
          <Text size="sm">
            Van {names.municipality(match.deviation.from)} naar {names.municipality(match.deviation.to)} — reden:{' '}
            <b>{deviationLabel(match.deviation.reason, match.deviation.label)}</b>
            {match.deviation.label && deviationLabel(match.deviation.reason, '') !== match.deviation.label ? ` (${match.deviation.label})` : ''}
          </Text>
          {DEVIATION_HELP[match.deviation.reason] && (
            <Text size="sm" data-testid="deviation-help">
              {DEVIATION_HELP[match.deviation.reason]}
            </Text>
          )}
        </Alert>
      )}

      {match.addedByChair && (
        <Alert color="blue" variant="light" title="Door de voorzitter toegevoegd" data-testid="added-by-chair">
          <Text size="sm">{match.addedByChair.note}</Text>
        </Alert>
      )}

      {match.movesOut && (
        <Alert color="teal" variant="light" icon={<IconHomeMove size={18} />} title={match.movesOut.kind === 'omklap' ? 'Omklapwoning komt vrij' : 'Woning komt vrij'} data-testid="moves-out">
          <Text size="sm">{match.movesOut.note}</Text>
        </Alert>
      )}

      <div>
        <Title order={5} mb={4}>
          Score
        </Title>
        <Table fz="sm" verticalSpacing={4} data-testid="score-terms">
          <Table.Tbody>
            {match.terms.map((t, i) => (
              <Table.Tr key={`${t.code}-${i}`}>
                <Table.Td w={200} fw={500}>
                  {t.label}
                </Table.Td>
                <Table.Td c="dimmed">{t.detail}</Table.Td>
                <Table.Td ta="right" w={80} c={t.points < 0 ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {signedPoints(t.points)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>Totaal</Table.Td>
              <Table.Td />
              <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {formatPoints(total)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </div>

      <div>
        <Title order={5} mb={4}>
          Bindende rondegrenzen
        </Title>
        {match.binding.length === 0 ? (
          <Text size="sm" c="dimmed">
            Geen grens van de ronde speelde hier mee.
          </Text>
        ) : (
          <List size="sm" spacing={2} data-testid="binding">
            {match.binding.map((b, i) => (
              <List.Item key={`${b.code}-${i}`}>
                {b.label}: {b.used} van {b.limit} {b.hard ? '(harde grens)' : '(zachte grens)'}
              </List.Item>
            ))}
          </List>
        )}
      </div>

      <div>
        <Group gap={6} mb={4}>
          <IconArrowsExchange size={18} />
          <Title order={5}>Alternatieven</Title>
        </Group>
        <Text size="sm" fw={600}>
          Voor de kandidaat
        </Text>
        {match.alternatives.forClient.length === 0 ? (
          <Text size="sm" c="dimmed" mb="xs">
            Geen andere mogelijke woning.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={2} mb="xs" data-testid="alternatives-client">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Woning</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <TermHelp term="verschil in score (woningen)" help={TERM_HELP.alternativesForClient} testId="help-alternatives-client" />
                  Verschil in score
                </Table.Th>
                <Table.Th>Waarom niet gekozen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {match.alternatives.forClient.map((a) => (
                <Table.Tr key={a.unitId}>
                  <Table.Td>{names.unit(a.unitId)}</Table.Td>
                  <Table.Td ta="right" w={80} style={{ whiteSpace: 'nowrap' }}>
                    {signedPoints(a.difference)}
                  </Table.Td>
                  <Table.Td c="dimmed">{a.takenBy ? `gaat naar ${names.client(a.takenBy)}` : a.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="sm" fw={600}>
          Voor de woning
        </Text>
        {match.alternatives.forUnit.length === 0 ? (
          <Text size="sm" c="dimmed">
            Geen andere kandidaat kon deze woning krijgen.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={2} data-testid="alternatives-unit">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kandidaat</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <TermHelp term="verschil in score (kandidaten)" help={TERM_HELP.alternativesForUnit} testId="help-alternatives-unit" />
                  Verschil in score
                </Table.Th>
                <Table.Th>In dit voorstel</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {match.alternatives.forUnit.map((a) => (
                <Table.Tr key={a.clientId}>
                  <Table.Td>{names.client(a.clientId)}</Table.Td>
                  <Table.Td ta="right" w={80} style={{ whiteSpace: 'nowrap' }}>
                    {signedPoints(a.difference)}
                  </Table.Td>
                  <Table.Td c="dimmed">{a.placedAt ? `krijgt ${names.unit(a.placedAt)}` : a.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}

export const UNPLACED_KIND_LABELS: Record<Unplaced['kind'], string> = {
  'not-candidate': 'Doet niet mee',
  'set-aside': 'Geparkeerd',
  'no-possible-unit': 'Geen passende woning',
  outcompeted: 'Andere verdeling beter',
};

export function UnplacedExplanation({ unplaced }: { unplaced: Unplaced }) {
  return (
    <Stack gap={4} data-testid="why-not">
      <Text size="sm" fw={600}>
        {UNPLACED_KIND_LABELS[unplaced.kind]}
      </Text>
      {unplaced.reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          Geen reden vastgelegd.
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {unplaced.reasons.map((r, i) => (
            <List.Item key={`${r.code}-${i}`}>{r.message}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
