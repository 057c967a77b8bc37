// Woning: the facts of one home that matter for matching (size, access, rent, who may live there) and
// its neighbourhood, with "Bewerken" and a status change with a reason. Runs in the renderer; data
// from `units.get`, `reference.get` for names and, for a let home, `placements.list` for its tenant.
import { Anchor, Badge, Button, Group, Menu, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconChevronDown, IconCoin, IconMapPin, IconNotes, IconPencil, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { UNIT_STATUS_LABELS, UNIT_STATUSES, type UnitStatus } from '../../../../shared/domain/codes';
import { useApi } from '../../api/api.context';
import { ReasonModal } from '../../ui/reason-modal.component';
import type { Reference } from '../../../../shared/api/contract';
import type { PlacementRow } from '../../../../shared/api/rounds.contract';
import { formatLongDate } from '../../../../shared/reports/format-nl';
import type { Unit } from '../../../../shared/dataset/dataset.schema';
import {
  CLIENT_GROUP_LABELS,
  CONTRACT_FORM_LABELS,
  NEED_LABELS,
  UNIT_KIND_LABELS,
} from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { Facts, None, SectionCard } from '../../ui/detail-blocks.component';
import { formatDate, formatFloor, formatMoney, joinDutch, yesNo } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { UnitStatusBadge } from '../../ui/status-badges.component';

export function UnitDetailPage() {
  const { id = '' } = useParams();
  const unit = useQuery('units.get', { id });
  const reference = useQuery('reference.get', {});

  return (
    <Stack gap="md" data-testid="unit-detail">
      <BackLink to="/woningen" label="Alle woningen" testId="back-to-units" />
      {unit.error && <ErrorAlert error={unit.error} onRetry={unit.refetch} />}
      {!unit.data && !unit.error && <PageSkeleton lines={10} />}
      {unit.data &&
        (unit.data.status === 'let' ? (
          <LetUnitView unit={unit.data} reference={reference.data} onChanged={unit.refetch} />
        ) : (
          <UnitView unit={unit.data} reference={reference.data} letting={null} onChanged={unit.refetch} />
        ))}
    </Stack>
  );
}

/** Who rents a let home and since when: its latest placement (undefined while loading, null when none is recorded). */
type Letting = PlacementRow | null | undefined;

function LetUnitView({ unit, reference, onChanged }: { unit: Unit; reference: Reference | undefined; onChanged: () => void }) {
  const placements = useQuery('placements.list', { unitId: unit.id });
  const letting: Letting = placements.data ? (placements.data.at(-1) ?? null) : placements.error ? null : undefined;
  return <UnitView unit={unit} reference={reference} letting={letting} onChanged={onChanged} />;
}

/** "K-0004 sinds 27 november 2026 (ronde 1)", with the client linked. */
function LetTo({ unit, letting }: { unit: Unit; letting: Letting }) {
  const clientId = letting?.clientId ?? unit.occupantClientId;
  if (letting === undefined) return <None>…</None>;
  return (
    <Text span size="sm" data-testid="unit-let-to">
      {clientId ? (
        <Anchor component={Link} to={`/kandidaten/${encodeURIComponent(clientId)}`} size="sm" underline="always">
          {clientId}
        </Anchor>
      ) : (
        'een huurder buiten het register'
      )}
      {letting ? ` sinds ${formatLongDate(letting.date)}${letting.roundId !== null ? ` (ronde ${letting.roundId})` : ''}` : ' (datum niet vastgelegd)'}
    </Text>
  );
}

function UnitView({ unit, reference, letting, onChanged }: { unit: Unit; reference: Reference | undefined; letting: Letting; onChanged: () => void }) {
  const isLet = unit.status === 'let';
  const corporation = reference?.corporations.find((c) => c.id === unit.corporationId)?.name ?? unit.corporationId;
  const municipality = reference?.municipalities.find((m) => m.code === unit.municipalityCode)?.name ?? unit.municipalityCode;
  const neighbourhood = unit.neighbourhoodCode ? reference?.neighbourhoods.find((n) => n.code === unit.neighbourhoodCode) : undefined;
  const ageRange =
    unit.minAge !== null && unit.maxAge !== null
      ? `${unit.minAge} tot en met ${unit.maxAge} jaar`
      : unit.minAge !== null
        ? `vanaf ${unit.minAge} jaar`
        : unit.maxAge !== null
          ? `tot en met ${unit.maxAge} jaar`
          : 'geen leeftijdsgrens';

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Title order={2} data-testid="unit-title">
          {unit.id}
          {unit.address ? ` · ${unit.address}` : ''}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="teal">
            {UNIT_KIND_LABELS[unit.kind]}
          </Badge>
          <UnitStatusBadge status={unit.status} />
          <Text size="sm" c="dimmed">
            {corporation} · {municipality}
            {isLet ? (
              <>
                {' · verhuurd aan '}
                <LetTo unit={unit} letting={letting} />
              </>
            ) : (
              ` · beschikbaar vanaf ${formatDate(unit.availableFrom)}`
            )}
          </Text>
        </Group>
        <UnitActions unit={unit} onChanged={onChanged} />
      </Stack>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Woning" icon={<IconBuildingSkyscraper size={20} />}>
          <Facts
            items={[
              ['Adres', unit.address ?? <None>Niet vastgelegd</None>],
              ['Complex', unit.complex ?? <None>—</None>],
              ['Kamers', String(unit.rooms)],
              ['Verdieping', formatFloor(unit.floor)],
              ['Lift', yesNo(unit.lift)],
              [
                'Kenmerken',
                unit.features.length === 0 ? (
                  <None />
                ) : (
                  <Group gap={4}>
                    {unit.features.map((f) => (
                      <Badge key={f} variant="light" color="blue" size="sm">
                        {NEED_LABELS[f]}
                      </Badge>
                    ))}
                  </Group>
                ),
              ],
            ]}
          />
        </SectionCard>

        <SectionCard title="Huur en contract" icon={<IconCoin size={20} />}>
          <Facts
            items={[
              ['Huur per maand', formatMoney(unit.rent)],
              ['Contractvorm', joinDutch(unit.contractForms.map((c) => CONTRACT_FORM_LABELS[c]))],
              // A let home is not coming free: say who rents it instead of an availability date.
              isLet ? ['Verhuurd aan', <LetTo key="let" unit={unit} letting={letting} />] : ['Beschikbaar vanaf', formatDate(unit.availableFrom)],
              ['Corporatie', corporation],
            ]}
          />
        </SectionCard>

        <SectionCard title="Voor wie" icon={<IconUsersGroup size={20} />}>
          <Facts
            items={[
              [
                'Doelgroepen',
                unit.allowedGroups.length === 0 ? <None>Alle doelgroepen</None> : joinDutch(unit.allowedGroups.map((g) => CLIENT_GROUP_LABELS[g])),
              ],
              ['Leeftijd', ageRange],
              // The omklap tenant who lives there on a sublet; a let home's tenant is under "Verhuurd aan".
              ...(unit.occupantClientId && !isLet
                ? [[unit.kind === 'omklap' ? 'Huidige bewoner (omklap)' : 'Huidige bewoner', unit.occupantClientId] as [string, string]]
                : []),
            ]}
          />
        </SectionCard>

        <SectionCard title="Buurt" icon={<IconMapPin size={20} />}>
          <Facts
            items={[
              ['Gemeente', municipality],
              ['Buurt', neighbourhood?.name ?? unit.neighbourhoodCode ?? <None>Niet vastgelegd</None>],
              ['Wijk', neighbourhood?.district ?? <None>—</None>],
              [
                'Aandeel sociale huur',
                neighbourhood?.socialRentShare != null ? `${Math.round(neighbourhood.socialRentShare * 100)}%` : <None>Onbekend</None>,
              ],
              [
                'Leefbaarometer',
                neighbourhood?.liveabilityClass != null ? `klasse ${neighbourhood.liveabilityClass} van 9` : <None>Onbekend</None>,
              ],
            ]}
          />
        </SectionCard>
      </SimpleGrid>

      <SectionCard title="Notities" icon={<IconNotes size={20} />}>
        {unit.notes ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {unit.notes}
          </Text>
        ) : (
          <None>Geen notities</None>
        )}
      </SectionCard>
    </Stack>
  );
}

function UnitActions({ unit, onChanged }: { unit: Unit; onChanged: () => void }) {
  const api = useApi();
  const [target, setTarget] = useState<UnitStatus | null>(null);
  return (
    <Group gap="xs" data-testid="unit-actions">
      <Button component={Link} to={`/woningen/${encodeURIComponent(unit.id)}/bewerken`} size="xs" leftSection={<IconPencil size={16} />} data-testid="unit-edit">
        Bewerken
      </Button>
      <Menu position="bottom-start">
        <Menu.Target>
          <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} data-testid="unit-status-menu">
            Status wijzigen
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {UNIT_STATUSES.filter((s) => s !== unit.status).map((s) => (
            <Menu.Item key={s} onClick={() => setTarget(s)} data-testid={`unit-status-${s}`}>
              {UNIT_STATUS_LABELS[s]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ReasonModal
        opened={target !== null}
        title={target ? `Status wijzigen naar ${UNIT_STATUS_LABELS[target].toLowerCase()}` : ''}
        description={
          target === 'withdrawn'
            ? 'Een ingetrokken woning doet niet mee aan de ronde. De reden is verplicht en komt in het logboek.'
            : 'De wijziging en de toelichting komen in het logboek.'
        }
        confirmLabel="Status wijzigen"
        reasonRequired={target === 'withdrawn'}
        onClose={() => setTarget(null)}
        onConfirm={async (reason) => {
          if (!target) return;
          await api.call('units.setStatus', { id: unit.id, status: target, reason });
          onChanged();
        }}
      />
    </Group>
  );
}
