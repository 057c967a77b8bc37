// A client's history as the page shows it: why and since when they are set aside or archived, where they
// were placed, and the offers turned down in rounds (by the corporation, with its reason, or by the
// client). Runs in the renderer; data from `clients.get` (statusChange, placement, turnedDown).
import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { IconArchive, IconHome, IconPlayerPause } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ClientDetail } from '../../../../shared/api/contract';
import { UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { turnedDownSentence } from '../../../../shared/domain/offer-history';
import { formatLongDate } from '../../../../shared/reports/format-nl';
import { Facts, None, SectionCard } from '../../ui/detail-blocks.component';
import { plural } from '../../ui/format.util';
import { useCan } from '../auth/auth.context';

/** "Geparkeerd sinds 4 december 2026: reden" / "Gearchiveerd op …: reden", or what is not known. */
export function StatusNote({ detail }: { detail: ClientDetail }) {
  const { status } = detail.client;
  if (status !== 'set-aside' && status !== 'archived') return null;
  const change = detail.statusChange;
  const word = status === 'set-aside' ? 'Geparkeerd' : 'Gearchiveerd';
  const text = change
    ? `${word} ${status === 'set-aside' ? 'sinds' : 'op'} ${formatLongDate(change.at)}${change.reason ? `: ${change.reason}` : ' (geen reden opgegeven)'}`
    : `${word}. Datum en reden zijn niet in deze app vastgelegd: de status is ingelezen (zie de notities).`;
  return (
    <Alert
      color={status === 'set-aside' ? 'yellow' : 'gray'}
      variant="light"
      p="xs"
      icon={status === 'set-aside' ? <IconPlayerPause size={18} /> : <IconArchive size={18} />}
      data-testid="client-status-note"
    >
      <Text size="sm">{text}</Text>
    </Alert>
  );
}

/** Where the client was placed: the home (linked for whoever may open homes), where, when and by which round. */
export function PlacementCard({ placement }: { placement: NonNullable<ClientDetail['placement']> }) {
  const can = useCan();
  const p = placement;
  const where = [p.neighbourhood, p.municipality].filter(Boolean).join(', ');
  const home = p.unitId ? (
    can('units.get') ? (
      <Anchor component={Link} to={`/woningen/${encodeURIComponent(p.unitId)}`} size="sm" data-testid="placement-unit-link">
        {p.unitId}
      </Anchor>
    ) : (
      p.unitId
    )
  ) : null;
  const round =
    p.roundId === null ? null : can('rounds.get') ? (
      <Anchor component={Link} to={`/uitstroomtafel/${p.roundId}`} size="sm" underline="always">
        ronde {p.roundId}
      </Anchor>
    ) : (
      `ronde ${p.roundId}`
    );
  return (
    <SectionCard title="Plaatsing" icon={<IconHome size={20} />} testId="section-placement">
      <Stack gap="xs">
        <Text size="sm" data-testid="placement-summary">
          Geplaatst op {formatLongDate(p.date)}
          {round ? <> in {round}</> : null}
          {`: ${p.unitKind ? UNIT_KIND_LABELS[p.unitKind].toLowerCase() : 'woning'} in ${where}.`}
        </Text>
        <Facts
          items={[
            [
              'Woning',
              home ? (
                <Text span size="sm">
                  {home}
                  {p.address ? ` · ${p.address}` : ''}
                </Text>
              ) : (
                <None>Niet in het register (plaatsing van vóór het register)</None>
              ),
            ],
            ['Buurt en gemeente', where],
            ...(p.corporation ? [['Corporatie', p.corporation] as [string, string]] : []),
            ['Verhuisdatum', p.moveInDate ? formatLongDate(p.moveInDate) : <None>Nog niet bekend</None>],
          ]}
        />
      </Stack>
    </SectionCard>
  );
}

/** The offers turned down in rounds, one sentence each, and the count the register carries from before. */
export function TurnedDownOffers({ detail }: { detail: ClientDetail }) {
  const { turnedDown } = detail;
  const before = detail.client.refusals;
  if (turnedDown.length === 0 && before === 0) {
    return (
      <Text size="sm" data-testid="turned-down-none">
        Nog geen aanbod afgewezen of geweigerd.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="turned-down">
      {turnedDown.length > 0 && (
        <List size="sm" spacing={4}>
          {turnedDown.map((o) => (
            <List.Item key={`${o.roundId}|${o.unitId}`} data-testid={`turned-down-${o.roundId}-${o.unitId}`}>
              <Text span size="sm">
                {turnedDownSentence(o)}
              </Text>
              <Text size="xs" c="dimmed">
                {[o.unitKind ? UNIT_KIND_LABELS[o.unitKind] : 'Woning', o.municipality ? `in ${o.municipality}` : null, `(${o.unitId})`]
                  .filter(Boolean)
                  .join(' ')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {before > 0 && (
        <Text size="sm" c="dimmed" data-testid="turned-down-register">
          Eerder, vastgelegd in het register: {plural(before, 'keer', 'keer')} een aanbod geweigerd.
        </Text>
      )}
    </Stack>
  );
}
