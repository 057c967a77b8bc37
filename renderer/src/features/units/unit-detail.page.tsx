// Woning: the facts of one home that matter for matching (size, access, rent, who may live there) and
// its neighbourhood. Runs in the renderer; data from `units.get` and `reference.get` for names.
import { Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconCoin, IconMapPin, IconNotes, IconUsersGroup } from '@tabler/icons-react';
import { useParams } from 'react-router';
import type { Reference } from '../../../../shared/api/contract';
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
      {unit.data && <UnitView unit={unit.data} reference={reference.data} />}
    </Stack>
  );
}

function UnitView({ unit, reference }: { unit: Unit; reference: Reference | undefined }) {
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
            {corporation} · {municipality} · beschikbaar vanaf {formatDate(unit.availableFrom)}
          </Text>
        </Group>
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
              ['Beschikbaar vanaf', formatDate(unit.availableFrom)],
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
              ...(unit.occupantClientId ? [['Huidige bewoner (omklap)', unit.occupantClientId] as [string, string]] : []),
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
