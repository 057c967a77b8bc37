// Kandidaat: everything the chair needs to know about one client, in sections that follow the
// conversation at the table, with the actions edit, set aside / archive / reactivate (with a reason)
// and confirm readiness items. Runs in the renderer; data from `clients.get` (names of organisations
// from `reference.get`).
import { Alert, Badge, Button, Group, List, Modal, SimpleGrid, Stack, Table, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import {
  IconCheck,
  IconCoin,
  IconHeartHandshake,
  IconHomeHeart,
  IconInfoCircle,
  IconListCheck,
  IconMapPin,
  IconNotes,
  IconUser,
  IconUserCheck,
  IconX,
  IconBan,
  IconArchive,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ClientStatusInput } from '../../../../shared/api/register.contract';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { ReasonModal } from '../../ui/reason-modal.component';
import type { ClientDetail, Reference } from '../../../../shared/api/contract';
import {
  AVOID_REASON_LABELS,
  CLIENT_GROUP_LABELS,
  CONSENT_PARTY_LABELS,
  DEBT_STATUS_LABELS,
  FUNDING_FRAME_LABELS,
  GENDER_LABELS,
  INCOME_SOURCE_LABELS,
  LEGAL_BASIS_LABELS,
  NEED_LABELS,
  NETWORK_KIND_LABELS,
  SUPPORT_INTENSITY_LABELS,
  UNIT_KIND_LABELS,
} from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { Facts, None, SectionCard } from '../../ui/detail-blocks.component';
import { formatDate, formatMoney, joinDutch, plural, yesNo } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { ClientStatusBadge, UrgencyBadge, urgencyApplies } from '../../ui/status-badges.component';
import { ConsentToday } from './consent-today.component';
import { ClientRights } from './client-rights.component';
import { PlacementCard, StatusNote, TurnedDownOffers } from './client-history.component';
import { AvoidPlacesNote } from '../../ui/avoid-places-note.component';

type Client = ClientDetail['client'];

export function ClientDetailPage() {
  const { id = '' } = useParams();
  const detail = useQuery('clients.get', { id });
  // Only for organisation names; the page works without it.
  const reference = useQuery('reference.get', {});

  return (
    <Stack gap="md" data-testid="client-detail">
      <BackLink to="/kandidaten" label="Alle kandidaten" testId="back-to-clients" />
      {detail.error && <ErrorAlert error={detail.error} onRetry={detail.refetch} />}
      {!detail.data && !detail.error && <PageSkeleton lines={12} />}
      {detail.data && <ClientView detail={detail.data} names={orgNames(reference.data)} onChanged={detail.refetch} />}
    </Stack>
  );
}

function orgNames(reference: Reference | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const org of [...(reference?.corporations ?? []), ...(reference?.careProviders ?? [])]) names.set(org.id, org.name);
  for (const m of reference?.municipalities ?? []) names.set(m.code, m.name);
  return names;
}

function ClientView({ detail, names, onChanged }: { detail: ClientDetail; names: Map<string, string>; onChanged: () => void }) {
  const { client } = detail;
  const place = (code: string) => detail.placeNames[code] ?? names.get(code) ?? code;
  const placeIn = (municipalityCode: string, neighbourhoodCode: string | null) =>
    neighbourhoodCode ? `${place(neighbourhoodCode)}, ${place(municipalityCode)}` : place(municipalityCode);

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Title order={2} data-testid="client-title">
          {client.id}
          {client.name ? ` · ${client.name}` : ''}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="teal">
            {CLIENT_GROUP_LABELS[client.group]}
          </Badge>
          <ClientStatusBadge status={client.status} />
          {client.urgency !== 'none' && urgencyApplies(client.status) && <UrgencyBadge urgency={client.urgency} />}
          {client.housingFirst && (
            <Badge color="grape" variant="light">
              Housing First
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {client.readyDate ? `Woonrijp sinds ${formatDate(client.readyDate)}` : 'Nog niet woonrijp'}
          </Text>
        </Group>
        <ClientActions client={client} onChanged={onChanged} />
        <StatusNote detail={detail} />
      </Stack>

      {detail.placement && <PlacementCard placement={detail.placement} />}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Persoonlijk" icon={<IconUser size={20} />} testId="section-personal">
          <Facts
            items={[
              ['Leeftijd', `${detail.age} jaar`],
              ['Geslacht', GENDER_LABELS[client.gender]],
              ['Huishouden', householdText(client.household)],
            ]}
          />
        </SectionCard>

        <SectionCard title="Begeleiding" icon={<IconHeartHandshake size={20} />} testId="section-support">
          <Facts
            items={[
              ['Zorgaanbieder', names.get(client.support.providerId) ?? detail.careProvider],
              ['Intensiteit', SUPPORT_INTENSITY_LABELS[client.support.intensity]],
              ['Start begeleiding', client.support.start ? formatDate(client.support.start) : <None>Nog niet bekend</None>],
              ['Toegezegde duur', client.support.months !== null ? plural(client.support.months, 'maand', 'maanden') : <None>Niet vastgelegd</None>],
              ['In zorg/opvang sinds', client.careSince ? formatDate(client.careSince) : <None>Niet vastgelegd</None>],
              ['Wettelijk/financieel kader', FUNDING_FRAME_LABELS[client.fundingFrame]],
            ]}
          />
        </SectionCard>

        <SectionCard title="Herkomst en netwerk" icon={<IconMapPin size={20} />} testId="section-origin">
          <Stack gap="sm">
            <Facts
              items={[
                ['Gemeente van herkomst', place(client.originMunicipalityCode)],
                ['Verblijft in', place(client.currentMunicipalityCode)],
              ]}
            />
            <div>
              <Text size="sm" fw={600} mb={4}>
                Netwerk
              </Text>
              {client.networkPlaces.length === 0 ? (
                <None>Geen netwerk vastgelegd</None>
              ) : (
                <List size="sm" spacing={4} data-testid="network-places">
                  {client.networkPlaces.map((p, i) => (
                    <List.Item key={i}>
                      <Text span size="sm" fw={500}>
                        {NETWORK_KIND_LABELS[p.kind]}
                      </Text>
                      {' — '}
                      {placeIn(p.municipalityCode, p.neighbourhoodCode)}
                      {p.note && (
                        <Text span size="sm" c="dimmed">
                          {` (${p.note})`}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            <AvoidPlaces client={client} placeIn={placeIn} />
          </Stack>
        </SectionCard>

        <SectionCard title="Inkomen en betaalbaarheid" icon={<IconCoin size={20} />} testId="section-income">
          <Facts
            labelWidth={240}
            items={[
              ['Bron van inkomen', INCOME_SOURCE_LABELS[client.income.source]],
              ['Netto per maand', formatMoney(client.income.monthlyNet)],
              ['Schulden', DEBT_STATUS_LABELS[client.income.debts]],
              ['Budgetbeheer of bewindvoering', yesNo(client.income.budgetManagement)],
              ['Huurgrens', client.rentLimit !== null ? formatMoney(client.rentLimit) : 'volgens beleid (passend toewijzen)'],
            ]}
          />
        </SectionCard>

        <SectionCard title="Woonwensen en behoeften" icon={<IconHomeHeart size={20} />} testId="section-preferences">
          <Facts
            items={[
              ['Voorkeursgemeenten', listOrNone(client.preferences.municipalityCodes.map(place))],
              ['Voorkeursbuurten', listOrNone(client.preferences.neighbourhoodCodes.map(place))],
              ['Gewenste woningsoort', listOrNone(client.preferences.kinds.map((k) => UNIT_KIND_LABELS[k]))],
              ['Wil niet', listOrNone(client.preferences.refusedKinds.map((k) => UNIT_KIND_LABELS[k]))],
              [
                'Behoeften',
                client.needs.length === 0 ? (
                  <None />
                ) : (
                  <Group gap={4}>
                    {client.needs.map((n) => (
                      <Badge key={n} variant="light" color="blue" size="sm">
                        {NEED_LABELS[n]}
                      </Badge>
                    ))}
                  </Group>
                ),
              ],
              ...(client.preferences.note ? [['Toelichting', client.preferences.note] as [string, string]] : []),
            ]}
          />
        </SectionCard>

        <SectionCard title="Toestemming" icon={<IconUserCheck size={20} />} testId="section-consent">
          {client.consents.length === 0 ? (
            <None>Geen toestemming of grondslag vastgelegd</None>
          ) : (
            <Table fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partij</Table.Th>
                  <Table.Th>Grondslag</Table.Th>
                  <Table.Th>Gegeven</Table.Th>
                  <Table.Th>Datum</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {client.consents.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      {CONSENT_PARTY_LABELS[c.party]}
                      {c.partyId ? `: ${names.get(c.partyId) ?? c.partyId}` : ' (alle)'}
                    </Table.Td>
                    <Table.Td>{LEGAL_BASIS_LABELS[c.basis]}</Table.Td>
                    <Table.Td>{c.given ? <IconCheck size={16} color="var(--mantine-color-green-7)" aria-label="ja" /> : <IconX size={16} color="var(--mantine-color-red-7)" aria-label="nee" />}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.date)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <ConsentToday consents={client.consents} name={(id) => names.get(id)} />
        </SectionCard>
      </SimpleGrid>

      <Readiness detail={detail} names={names} onChanged={onChanged} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Afwijzingen en veto's" icon={<IconBan size={20} />} testId="section-vetoes">
          <Stack gap="xs">
            <TurnedDownOffers detail={detail} />
            {client.vetoes.length === 0 ? (
              <None>Geen veto's van corporaties</None>
            ) : (
              <List size="sm" spacing={4}>
                {client.vetoes.map((v, i) => (
                  <List.Item key={i}>
                    <Text span size="sm" fw={500}>
                      {names.get(v.corporationId) ?? v.corporationId}
                    </Text>
                    {`: ${v.reason}`}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </SectionCard>
        <SectionCard title="Notities" icon={<IconNotes size={20} />} testId="section-notes">
          {client.notes ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {client.notes}
            </Text>
          ) : (
            <None>Geen notities</None>
          )}
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}

function AvoidPlaces({ client, placeIn }: { client: Client; placeIn: (m: string, n: string | null) => string }) {
  return (
    <div data-testid="avoid-places">
      <Text size="sm" fw={600} mb={4}>
        Te vermijden gebieden
      </Text>
      {client.avoidPlaces.length === 0 ? (
        <None>Geen</None>
      ) : (
        <List size="sm" spacing={4} mb="xs">
          {client.avoidPlaces.map((p, i) => (
            <List.Item key={i}>
              <Text span size="sm" fw={500}>
                {AVOID_REASON_LABELS[p.reason]}
              </Text>
              {' — '}
              {p.neighbourhoodCode ? placeIn(p.municipalityCode, p.neighbourhoodCode) : `${placeIn(p.municipalityCode, null)} (hele gemeente)`}
              {p.note && (
                <Text span size="sm" c="dimmed">
                  {` (${p.note})`}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      <AvoidPlacesNote />
    </div>
  );
}

/** Free text with the codes of organisations in it read as their names: "begeleider prov-x" → "begeleider X Zorg". */
function withNames(text: string, names: Map<string, string>): string {
  return text.replace(/[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]/g, (word) => names.get(word) ?? word);
}

function Readiness({ detail, names, onChanged }: { detail: ClientDetail; names: Map<string, string>; onChanged: () => void }) {
  const done = detail.readiness.filter((r) => r.done).length;
  const total = detail.readiness.length;
  const [confirming, setConfirming] = useState<ClientDetail['readiness'][number] | null>(null);
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const reopen = async (item: string) => {
    try {
      setError(null);
      await api.call('clients.confirmReadiness', { id: detail.client.id, item, done: false, confirmedBy: '' });
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <SectionCard title="Voorwaarden duurzame uitstroom" icon={<IconListCheck size={20} />} testId="section-readiness">
      <Stack gap="sm">
        <Text size="sm" c={done === total ? 'green.8' : 'dimmed'} data-testid="readiness-summary">
          {done} van {plural(total, 'voorwaarde', 'voorwaarden')} vervuld
        </Text>
        {detail.client.housingFirst && (
          <Alert color="grape" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
            Housing First: de voorwaarden gelden niet als toegangseis.
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" p="xs">
            {error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xs" verticalSpacing="xs">
          {detail.readiness.map((r) => (
            <Group key={r.item} gap="sm" wrap="nowrap" align="flex-start" data-testid={`readiness-${r.item}`} data-done={r.done}>
              <ThemeIcon size={22} radius="xl" color={r.done ? 'green' : 'red'} variant="light" role="img" aria-label={r.done ? 'vervuld' : 'open'}>
                {r.done ? <IconCheck size={14} /> : <IconX size={14} />}
              </ThemeIcon>
              <div style={{ flex: 1 }}>
                <Text size="sm">{r.label}</Text>
                <Text size="xs" c="dimmed">
                  {r.done
                    ? [r.confirmedBy ? `bevestigd door ${withNames(r.confirmedBy, names)}` : 'bevestigd', r.confirmedAt ? `op ${formatDate(r.confirmedAt)}` : '']
                        .filter(Boolean)
                        .join(' ')
                    : 'nog open'}
                </Text>
              </div>
              {r.done ? (
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void reopen(r.item)} data-testid={`reopen-${r.item}`}>
                  Heropenen
                </Button>
              ) : (
                <Button size="compact-xs" variant="light" onClick={() => setConfirming(r)} data-testid={`confirm-${r.item}`}>
                  Bevestigen
                </Button>
              )}
            </Group>
          ))}
        </SimpleGrid>
      </Stack>
      <ConfirmReadinessModal clientId={detail.client.id} item={confirming} onClose={() => setConfirming(null)} onDone={onChanged} />
    </SectionCard>
  );
}

/** Asks who confirms a readiness item; the backend records today's date. */
function ConfirmReadinessModal({
  clientId,
  item,
  onClose,
  onDone,
}: {
  clientId: string;
  item: ClientDetail['readiness'][number] | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const api = useApi();
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [item]);
  const submit = async () => {
    if (!item) return;
    if (by.trim() === '') {
      setError('Vul in wie de voorwaarde bevestigt.');
      return;
    }
    setBusy(true);
    try {
      await api.call('clients.confirmReadiness', { id: clientId, item: item.item, done: true, confirmedBy: by.trim() });
      onClose();
      onDone();
    } catch (e) {
      const p = e instanceof ApiCallError ? e.problems[0] : undefined;
      setError(p ? p.message : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={item !== null} onClose={onClose} title="Voorwaarde bevestigen" centered>
      <Stack gap="sm">
        <Text size="sm">{item?.label}</Text>
        <TextInput
          label="Bevestigd door"
          placeholder="naam en rol, bijv. J. de Vries (begeleider)"
          withAsterisk
          value={by}
          onChange={(e) => setBy(e.currentTarget.value)}
          error={error ?? undefined}
          data-testid="confirmed-by"
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          De datum van vandaag wordt vastgelegd, met uw naam in het logboek.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuleren
          </Button>
          <Button onClick={() => void submit()} loading={busy} data-testid="confirm-readiness">
            Bevestigen
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type StatusAction = { status: ClientStatusInput['status']; label: string; title: string; description: string; required: boolean };

const STATUS_ACTIONS: Record<ClientStatusInput['status'], StatusAction> = {
  'set-aside': {
    status: 'set-aside',
    label: 'Parkeren',
    title: 'Kandidaat parkeren',
    description: 'Een geparkeerde kandidaat doet niet mee aan de volgende ronde. De reden komt in het logboek.',
    required: true,
  },
  archived: {
    status: 'archived',
    label: 'Archiveren',
    title: 'Kandidaat archiveren',
    description: 'Een gearchiveerde kandidaat verdwijnt uit de lijst (filter op status om de kandidaat terug te zien). De reden komt in het logboek.',
    required: true,
  },
  active: {
    status: 'active',
    label: 'Weer actief',
    title: 'Kandidaat weer actief maken',
    description: 'De kandidaat doet weer mee aan de volgende ronde. Een toelichting is optioneel.',
    required: false,
  },
};

function ClientActions({ client, onChanged }: { client: Client; onChanged: () => void }) {
  const api = useApi();
  const [action, setAction] = useState<StatusAction | null>(null);
  const available: StatusAction[] =
    client.status === 'active'
      ? [STATUS_ACTIONS['set-aside'], STATUS_ACTIONS.archived]
      : client.status === 'set-aside'
        ? [STATUS_ACTIONS.active, STATUS_ACTIONS.archived]
        : client.status === 'archived'
          ? [STATUS_ACTIONS.active]
          : [STATUS_ACTIONS.archived];
  const icons = { active: <IconPlayerPlay size={16} />, 'set-aside': <IconPlayerPause size={16} />, archived: <IconArchive size={16} /> };
  return (
    <Group gap="xs" data-testid="client-actions">
      <Button
        component={Link}
        to={`/kandidaten/${encodeURIComponent(client.id)}/bewerken`}
        size="xs"
        leftSection={<IconPencil size={16} />}
        data-testid="client-edit"
      >
        Bewerken
      </Button>
      {available.map((a) => (
        <Button key={a.status} size="xs" variant="default" leftSection={icons[a.status]} onClick={() => setAction(a)} data-testid={`client-status-${a.status}`}>
          {a.label}
        </Button>
      ))}
      <ClientRights clientId={client.id} clientName={client.name} />
      <ReasonModal
        opened={action !== null}
        title={action?.title ?? ''}
        description={action?.description ?? ''}
        confirmLabel={action?.label ?? ''}
        reasonRequired={action?.required ?? true}
        onClose={() => setAction(null)}
        onConfirm={async (reason) => {
          if (!action) return;
          await api.call('clients.setStatus', { id: client.id, status: action.status, reason });
          onChanged();
        }}
      />
    </Group>
  );
}

function householdText(household: Client['household']): string {
  const adults = plural(household.adults, 'volwassene', 'volwassenen');
  const ages = household.childrenAges;
  if (ages.length === 0) return `${adults}, geen kinderen`;
  const kids = plural(ages.length, 'kind', 'kinderen');
  return `${adults}, ${kids} (${joinDutch(ages.map(String))} jaar)`;
}

function listOrNone(items: string[]) {
  return items.length === 0 ? <None /> : joinDutch(items);
}
