// "What it would take" in a proposal: for an unplaced client the smallest single change that places
// them (in the "Waarom niet" drawer), and why the homes the proposal leaves empty stay empty (a panel
// under the unplaced list). Shown only for proposals computed with it. Pure presentation; runs in the renderer.
import { Badge, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ClientCounterfactual, Counterfactuals } from '../../../../shared/engine/round.schema';
import { formatPoints } from '../../../../shared/reports/format-nl';
import type { RoundNames } from './explanation.component';

const METHOD_NOTE: Record<'witness' | 'solve', string> = {
  witness: 'Gecontroleerd: deze woning past naast het voorstel zoals het is.',
  solve: 'Gecontroleerd door de ronde opnieuw te berekenen met deze wijziging en deze kandidaat geplaatst.',
};

/** The drawer's section for one unplaced client. */
export function WhatItWouldTake({ whatIf, names }: { whatIf: ClientCounterfactual; names: RoundNames }) {
  const { change, asIs } = whatIf;
  const shown = change ?? asIs;
  return (
    <Stack gap={4} mt="md" data-testid="what-if">
      <Text size="sm" fw={600}>
        Wat zou helpen
      </Text>
      <Text size="sm" data-testid="what-if-sentence">
        {whatIf.sentence}
      </Text>
      {shown && (
        <List size="sm" spacing={2}>
          <List.Item>
            Woning: {names.unit(shown.unitId)}
          </List.Item>
          <List.Item data-testid="what-if-displaced">
            {shown.displaced.length === 0 ? 'Niemand uit het voorstel valt af.' : `Valt af: ${shown.displaced.map((id) => names.client(id)).join(', ')}.`}
          </List.Item>
          <List.Item>Totaalscore van de ronde: {shown.scoreChange >= 0 ? '+' : ''}{formatPoints(shown.scoreChange)}</List.Item>
        </List>
      )}
      {shown && (
        <Text size="xs" c="dimmed">
          {METHOD_NOTE[shown.method]}
          {shown.proven ? '' : ' De herberekening liep tegen de tijdslimiet aan: dit is de beste gevonden verdeling.'}
        </Text>
      )}
      {change && asIs && change !== asIs && (
        <Text size="xs" c="dimmed" data-testid="what-if-as-is">
          Zonder wijziging: {asIs.sentence}
        </Text>
      )}
    </Stack>
  );
}

const REASON_COLOR: Record<string, string> = { NO_CANDIDATE: 'orange', TAKEN: 'gray', SOFT_LIMIT: 'grape', HELD: 'teal' };

/** Why the homes the proposal leaves empty stay empty: counts per reason, then each home. */
export function EmptyHomesPanel({ counterfactuals, names }: { counterfactuals: Counterfactuals; names: RoundNames }) {
  const homes = [...counterfactuals.emptyHomes].sort((a, b) => a.reason.localeCompare(b.reason) || a.unitId.localeCompare(b.unitId));
  return (
    <Card withBorder radius="md" padding="md" data-testid="empty-homes">
      <Stack gap="xs">
        <Title order={4}>Lege woningen ({homes.length})</Title>
        {homes.length === 0 ? (
          <Text size="sm" c="dimmed">
            Het voorstel laat geen woning leeg.
          </Text>
        ) : (
          <List size="sm" spacing={2} data-testid="empty-by-reason">
            {counterfactuals.emptyByReason.map((r) => (
              <List.Item key={r.reason}>{r.sentence}.</List.Item>
            ))}
          </List>
        )}
        {!counterfactuals.complete && (
          <Text size="xs" c="orange.9" data-testid="what-if-incomplete">
            Niet voor elke kandidaat is elke wijziging doorgerekend (binnen de tijd, of na drie herberekeningen); waar dat zo is, staat het bij “Waarom niet”.
          </Text>
        )}
        {homes.length > 0 && (
          <Table fz="sm" verticalSpacing={4} data-testid="empty-homes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Woning</Table.Th>
                <Table.Th>Waarom leeg</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {homes.map((h) => (
                <Table.Tr key={h.unitId} data-testid={`empty-${h.unitId}`}>
                  <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {names.unit(h.unitId)}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={REASON_COLOR[h.reason] ?? 'blue'} mr={6}>
                      {EMPTY_REASON_LABELS[h.reason]}
                    </Badge>
                    <Text span size="xs" c="dimmed">
                      {h.sentence}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

const EMPTY_REASON_LABELS: Record<Counterfactuals['emptyHomes'][number]['reason'], string> = {
  NO_CANDIDATE: 'Geen kandidaat past',
  NEIGHBOURHOOD: 'Buurtgrens',
  COMPLEX: 'Complexgrens',
  SKAEVE: 'Clustergrens',
  QUOTA: 'Afspraak corporatie',
  EXCHANGE_OUT: 'Uitwisselingsbalans',
  EXCHANGE_IN: 'Uitwisselingsbalans',
  SOFT_LIMIT: 'Zachte grens',
  TAKEN: 'Kandidaten elders',
  HELD: 'Bewaard',
};
