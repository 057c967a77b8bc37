// Voorbereiden: the round's candidates (grouped Woonrijp / Housing First / Niet woonrijp, searchable)
// and its available homes, windowed lists with add/drop by the chair (reason required).
// Runs in the renderer; writes with `rounds.setMember`.
import { Alert, Anchor, Badge, Button, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { IconArrowRight, IconHome, IconMinus, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HeldHome, RoundClientMember, RoundDetail, RoundUnitMember } from '../../../../shared/api/rounds.contract';
import { CLIENT_GROUP_LABELS, UNIT_KIND_LABELS, UnitKind } from '../../../../shared/domain/codes';
import { useApi } from '../../api/api.context';
import { SectionCard } from '../../ui/detail-blocks.component';
import { formatCount, formatDate, formatMoney, plural } from '../../ui/format.util';
import { ReasonModal } from '../../ui/reason-modal.component';
import { ONE_LINE, WindowedTable } from '../../ui/windowed-table.component';
import { useRoundBlocked } from './round-lock.component';

interface MemberChange {
  kind: 'client' | 'unit';
  id: string;
  label: string;
  included: boolean;
}

type Readiness = 'ready' | 'housing-first' | 'not-ready';
const READINESS: { key: Readiness; label: string }[] = [
  { key: 'ready', label: 'Woonrijp' },
  { key: 'housing-first', label: 'Housing First' },
  { key: 'not-ready', label: 'Niet woonrijp' },
];
const ROW_HEIGHT = 38;
const LIST_HEIGHT = 'max(320px, calc(100vh - 330px))';

/** The readiness group of a candidate: Housing First first (its conditions do not apply), then open items. */
const readinessOf = (c: RoundClientMember): Readiness => (c.housingFirst ? 'housing-first' : c.openItems.length > 0 ? 'not-ready' : 'ready');

/** Lower case without accents, so "cliënt" is found by "client". */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Every word of the search occurs in the text. */
const matches = (text: string, needle: string) => needle.split(/\s+/).every((t) => text.includes(t));

/** "35 van 50 doen mee", "1 van 1 doet mee": how this step counts members, like the round's header. */
const takingPart = (included: number, total: number) => `${formatCount(included)} van ${formatCount(total)} ${included === 1 ? 'doet' : 'doen'} mee`;

/** A member as the chair just changed it (by hand, with the reason given). */
const withChange = <M extends { included: boolean; reason: string; manual: boolean }>(m: M, change: { included: boolean; reason: string } | undefined): M =>
  change ? { ...m, included: change.included, reason: change.reason, manual: true } : m;

const clientLabel = (c: RoundClientMember) => (c.name ? `${c.id} · ${c.name}` : c.id);

export function PrepareStep({ round, onChanged, onNext }: { round: RoundDetail; onChanged: () => void; onNext: () => void }) {
  const api = useApi();
  const [change, setChange] = useState<MemberChange | null>(null);
  // Changes the server has confirmed, shown at once until the round is read again (a large round takes a moment).
  const [confirmed, setConfirmed] = useState<Confirmed>(() => new Map());
  useEffect(() => setConfirmed(new Map()), [round]);
  const closed = round.status === 'closed';
  // Prepared by another chair: the members can be read, not changed (the reason is the notice above).
  const blocked = useRoundBlocked();
  const toggle = useCallback((kind: 'client' | 'unit', id: string, label: string, included: boolean) => setChange({ kind, id, label, included: !included }), []);
  return (
    <Stack gap="md" data-testid="prepare-step">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Wie meedoet is verzameld bij het aanmaken van de ronde. Voeg toe of laat vallen, steeds met een reden.
        </Text>
        <Button rightSection={<IconArrowRight size={16} />} onClick={onNext} data-testid="to-proposal">
          Naar het voorstel
        </Button>
      </Group>
      {!closed && <HeldHomesAlert homes={round.heldHomes} />}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <SectionCard
          title={`Kandidaten: ${takingPart(round.counts.clientsIncluded, round.counts.clientsIncluded + round.counts.clientsExcluded)}`}
          icon={<IconUsers size={20} />}
          testId="prepare-clients"
        >
          <ClientList clients={round.clients} confirmed={confirmed} disabled={closed || blocked !== null} onToggle={toggle} />
        </SectionCard>
        <SectionCard title={`Woningen: ${takingPart(round.counts.unitsIncluded, round.counts.unitsIncluded + round.counts.unitsExcluded)}`} icon={<IconHome size={20} />} testId="prepare-units">
          <UnitList units={round.units} confirmed={confirmed} disabled={closed || blocked !== null} onToggle={toggle} />
        </SectionCard>
      </SimpleGrid>
      <ReasonModal
        opened={change !== null}
        title={change ? `${change.label} ${change.included ? 'toevoegen aan' : 'laten vallen uit'} de ronde` : ''}
        description={change?.included ? 'Waarom doet deze alsnog mee? De reden komt in het logboek.' : 'Waarom doet deze niet mee in deze ronde? De reden komt in het logboek.'}
        confirmLabel={change?.included ? 'Toevoegen' : 'Laten vallen'}
        reasonRequired
        onClose={() => setChange(null)}
        onConfirm={async (reason) => {
          if (!change) return;
          await api.call('rounds.setMember', { roundId: round.id, kind: change.kind, id: change.id, included: change.included, reason });
          setConfirmed((m) => new Map(m).set(`${change.kind}:${change.id}`, { included: change.included, reason }));
          onChanged();
        }}
      />
    </Stack>
  );
}

/**
 * Homes still held for an occupant who was placed in another home or archived: no one else can be
 * proposed there until the chair clears the occupant (Woningen → Bewerken → Huidige bewoner).
 */
function HeldHomesAlert({ homes }: { homes: HeldHome[] }) {
  if (homes.length === 0) return null;
  const one = homes.length === 1;
  return (
    <Alert color="orange" variant="light" title={`${plural(homes.length, 'woning wordt', 'woningen worden')} nog vastgehouden voor een vertrokken bewoner`} data-testid="held-homes">
      <Stack gap={4}>
        <Text size="sm">
          {one ? 'Deze woning is' : 'Deze woningen zijn'} alleen voor de huidige bewoner bestemd, maar die woont er niet meer. Geen andere kandidaat kan er een voorstel voor
          krijgen tot de huidige bewoner bij de woning is leeggemaakt.
        </Text>
        <List size="sm" spacing={2}>
          {homes.map((h) => {
            const kind = UnitKind.safeParse(h.kind);
            const where = h.clientStatus === 'archived' ? 'is gearchiveerd' : h.placedAt ? `is geplaatst in ${h.placedAt}` : 'is geplaatst';
            return (
              <List.Item key={h.unitId} data-testid={`held-home-${h.unitId}`}>
                {kind.success ? UNIT_KIND_LABELS[kind.data] : 'Woning'}{' '}
                <Anchor component={Link} to={`/woningen/${encodeURIComponent(h.unitId)}/bewerken`} size="sm">
                  {h.unitId}
                </Anchor>
                : de huidige bewoner {h.clientId} {where}.
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Alert>
  );
}

/** A member change confirmed by the server, by "client:K-0012" or "unit:W-001". */
type Confirmed = Map<string, { included: boolean; reason: string }>;
type Toggle = (kind: 'client' | 'unit', id: string, label: string, included: boolean) => void;
type ClientListRow = { kind: 'group'; group: Readiness; label: string; total: number; included: number } | { kind: 'client'; client: RoundClientMember };

function ClientList({ clients, confirmed, disabled, onToggle }: { clients: RoundClientMember[]; confirmed: Confirmed; disabled: boolean; onToggle: Toggle }) {
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<'all' | Readiness>('all');
  // Sorted by code once per answer of the server (rows keep their place when added or dropped).
  const indexed = useMemo(
    () =>
      clients
        .map((c) => ({ c, group: readinessOf(c), text: '' }))
        .sort((a, b) => (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0)),
    [clients],
  );
  const needle = fold(search);
  // The search text of a candidate is made on the first search, not on every answer of the server.
  const found = useMemo(() => {
    if (!needle.trim()) return indexed;
    return indexed.filter((x) => {
      x.text ||= fold([x.c.id, x.c.name ?? '', x.c.group, CLIENT_GROUP_LABELS[x.c.group], x.c.originMunicipality].join(' '));
      return matches(x.text, needle);
    });
  }, [indexed, needle]);
  const counts = useMemo(() => {
    const n: Record<Readiness, { total: number; included: number }> = { ready: { total: 0, included: 0 }, 'housing-first': { total: 0, included: 0 }, 'not-ready': { total: 0, included: 0 } };
    for (const x of found) {
      n[x.group].total++;
      if (x.c.included) n[x.group].included++;
    }
    return n;
  }, [found]);
  const rows = useMemo(() => {
    const out: ClientListRow[] = [];
    for (const g of READINESS) {
      if (shown !== 'all' && shown !== g.key) continue;
      const members = found.filter((x) => x.group === g.key);
      if (members.length === 0) continue;
      out.push({ kind: 'group', group: g.key, label: g.label, ...counts[g.key] });
      for (const x of members) out.push({ kind: 'client', client: x.c });
    }
    return out;
  }, [found, counts, shown]);
  const clientCount = rows.filter((r) => r.kind === 'client').length;

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Zoek kandidaten"
          placeholder="Code, naam, groep of gemeente"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
          size="sm"
          data-testid="prepare-search"
        />
        <SegmentedControl
          aria-label="Toon groep"
          value={shown}
          onChange={(v) => setShown(v as 'all' | Readiness)}
          size="sm"
          data={[
            { value: 'all', label: `Alle (${found.length})` },
            ...READINESS.map((g) => ({ value: g.key, label: `${g.label} (${counts[g.key].total})` })),
          ]}
          data-testid="prepare-groups"
        />
      </Group>
      {/* Only for a search or a group: the whole list is counted by "Alle (50)" and the card's title. */}
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="prepare-found">
        {search || shown !== 'all' ? `${plural(clientCount, 'kandidaat', 'kandidaten')} gevonden` : ''}
      </Text>
      <WindowedTable
        rows={rows}
        rowKey={(r) => (r.kind === 'group' ? `group-${r.group}` : r.client.id)}
        rowHeight={ROW_HEIGHT}
        columnCount={6}
        height={LIST_HEIGHT}
        minWidth={760}
        resetKey={`${search}|${shown}`}
        tableProps={{ fz: 'sm', verticalSpacing: 4, 'data-testid': 'prepare-client-table' }}
        scrollLabel="Kandidaten van de ronde"
        header={
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Groep</Table.Th>
            <Table.Th>Herkomst</Table.Th>
            <Table.Th>Doet mee</Table.Th>
            <Table.Th>Toelichting</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actie</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        }
        renderRow={(r) => (r.kind === 'group' ? <GroupRow row={r} /> : <ClientRow client={withChange(r.client, confirmed.get(`client:${r.client.id}`))} disabled={disabled} onToggle={onToggle} />)}
        empty={
          <Text c="dimmed" ta="center" py="md" data-testid="prepare-empty">
            Geen kandidaten gevonden{search ? ` voor “${search}”` : ''}.
          </Text>
        }
      />
    </Stack>
  );
}

function GroupRow({ row }: { row: Extract<ClientListRow, { kind: 'group' }> }) {
  return (
    <Table.Tr style={{ height: ROW_HEIGHT }} bg="gray.1" data-testid={`prepare-group-${row.group}`}>
      <Table.Td colSpan={6} fw={700}>
        {row.label}
        <Text span size="sm" fw={400} ml="xs">
          {takingPart(row.included, row.total)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function ClientRow({ client: c, disabled, onToggle }: { client: RoundClientMember; disabled: boolean; onToggle: Toggle }) {
  const note = c.openItems.length > 0 ? `Open: ${c.openItems.join('; ')}` : c.reason;
  return (
    // A left-out candidate's row is shaded grey (not faded: faded text fails contrast).
    <Table.Tr data-testid={`member-client-${c.id}`} data-included={c.included} bg={c.included ? undefined : 'gray.0'} style={{ height: ROW_HEIGHT }}>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 200 }} fw={500} title={clientLabel(c)}>
        {clientLabel(c)}
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 240 }} title={CLIENT_GROUP_LABELS[c.group]}>
        {CLIENT_GROUP_LABELS[c.group]}
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 180 }} title={c.originMunicipality}>{c.originMunicipality}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {c.included ? (
          <Badge size="sm" color="green" variant="light">
            Ja{c.manual ? ' (toegevoegd)' : ''}
          </Badge>
        ) : (
          <Badge size="sm" color={c.openItems.length > 0 ? 'orange' : 'gray'} variant="light">
            {c.openItems.length > 0 && !c.manual ? 'Niet woonrijp' : 'Nee'}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 380 }} title={note || undefined}>
        <Text span size="xs" c="dimmed">
          {note}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <MemberButton code={c.id} included={c.included} disabled={disabled} onClick={() => onToggle('client', c.id, clientLabel(c), c.included)} testId={`toggle-client-${c.id}`} />
      </Table.Td>
    </Table.Tr>
  );
}

function UnitList({ units, confirmed, disabled, onToggle }: { units: RoundUnitMember[]; confirmed: Confirmed; disabled: boolean; onToggle: Toggle }) {
  const [search, setSearch] = useState('');
  const indexed = useMemo(
    () =>
      units
        .map((u) => ({ u, text: fold([u.id, u.corporation, u.municipality, u.neighbourhood ?? '', UNIT_KIND_LABELS[u.kind]].join(' ')) }))
        .sort((a, b) => (a.u.id < b.u.id ? -1 : a.u.id > b.u.id ? 1 : 0)),
    [units],
  );
  const needle = fold(search);
  const rows = useMemo(() => indexed.filter((x) => matches(x.text, needle)).map((x) => x.u), [indexed, needle]);
  return (
    <Stack gap="sm">
      <TextInput
        label="Zoek woningen"
        placeholder="Code, corporatie, gemeente, buurt of soort"
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={360}
        size="sm"
        data-testid="prepare-unit-search"
      />
      <WindowedTable
        rows={rows}
        rowKey={(u) => u.id}
        rowHeight={ROW_HEIGHT}
        columnCount={6}
        height={LIST_HEIGHT}
        minWidth={760}
        resetKey={search}
        tableProps={{ fz: 'sm', verticalSpacing: 4, 'data-testid': 'prepare-unit-table' }}
        scrollLabel="Woningen van de ronde"
        header={
          <Table.Tr>
            <Table.Th>Woning</Table.Th>
            <Table.Th>Gemeente, buurt</Table.Th>
            <Table.Th>Soort</Table.Th>
            <Table.Th ta="right">Huur</Table.Th>
            <Table.Th>Vrij per</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actie</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        }
        renderRow={(u) => <UnitRow unit={withChange(u, confirmed.get(`unit:${u.id}`))} disabled={disabled} onToggle={onToggle} />}
        empty={
          <Text c="dimmed" ta="center" py="md">
            Geen woningen gevonden{search ? ` voor “${search}”` : ''}.
          </Text>
        }
      />
    </Stack>
  );
}

function UnitRow({ unit: u, disabled, onToggle }: { unit: RoundUnitMember; disabled: boolean; onToggle: Toggle }) {
  const place = `${u.municipality}${u.neighbourhood ? `, ${u.neighbourhood}` : ''}`;
  return (
    <Table.Tr data-testid={`member-unit-${u.id}`} data-included={u.included} bg={u.included ? undefined : 'gray.0'} style={{ height: ROW_HEIGHT }}>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 220 }} title={`${u.id} · ${u.corporation}`}>
        <Text span size="sm" fw={500}>
          {u.id}
        </Text>
        <Text span size="xs" c="dimmed">
          {` · ${u.corporation}`}
        </Text>
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 200 }} title={place}>
        {place}
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 140 }}>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(u.rent)}
      </Table.Td>
      <Table.Td style={{ ...ONE_LINE, maxWidth: 200 }} title={!u.included && u.reason ? u.reason : undefined}>
        {formatDate(u.availableFrom)}
        {!u.included && u.reason && (
          <Text span size="xs" c="dimmed">
            {` · ${u.reason}`}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <MemberButton code={u.id} included={u.included} disabled={disabled} onClick={() => onToggle('unit', u.id, u.id, u.included)} testId={`toggle-unit-${u.id}`} />
      </Table.Td>
    </Table.Tr>
  );
}

/** "Laten vallen" / "Toevoegen", named for whom it acts on ("K-0012 laten vallen"). */
function MemberButton({ code, included, disabled, onClick, testId }: { code: string; included: boolean; disabled: boolean; onClick: () => void; testId: string }) {
  const blocked = useRoundBlocked();
  return (
    <Button
      size="compact-xs"
      variant={included ? 'subtle' : 'light'}
      color={included ? 'red' : 'teal'}
      leftSection={included ? <IconMinus size={12} /> : <IconPlus size={12} />}
      disabled={disabled}
      title={blocked ?? undefined}
      onClick={onClick}
      aria-label={`${code} ${included ? 'laten vallen' : 'toevoegen'}`}
      data-testid={testId}
    >
      {included ? 'Laten vallen' : 'Toevoegen'}
    </Button>
  );
}
