// Voorbereiden: the round's candidates (included, and those not included with the open conditions or
// the chair's reason) and its available homes, each with add/drop by the chair (reason required).
// Runs in the renderer; writes with `rounds.setMember`.
import { Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight, IconHome, IconMinus, IconPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { RoundClientMember, RoundDetail, RoundUnitMember } from '../../../../shared/api/rounds.contract';
import { CLIENT_GROUP_LABELS, UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { useApi } from '../../api/api.context';
import { SectionCard } from '../../ui/detail-blocks.component';
import { formatDate, formatMoney } from '../../ui/format.util';
import { ReasonModal } from '../../ui/reason-modal.component';

interface MemberChange {
  kind: 'client' | 'unit';
  id: string;
  included: boolean;
}

export function PrepareStep({ round, onChanged, onNext }: { round: RoundDetail; onChanged: () => void; onNext: () => void }) {
  const api = useApi();
  const [change, setChange] = useState<MemberChange | null>(null);
  const closed = round.status === 'closed';
  const clients = [...round.clients].sort((a, b) => Number(b.included) - Number(a.included) || a.id.localeCompare(b.id));
  const units = [...round.units].sort((a, b) => Number(b.included) - Number(a.included) || a.id.localeCompare(b.id));
  const toggle = (kind: 'client' | 'unit', id: string, included: boolean) => setChange({ kind, id, included: !included });
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
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <SectionCard title={`Kandidaten (${round.counts.clientsIncluded} doen mee)`} icon={<IconUsers size={20} />} testId="prepare-clients">
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kandidaat</Table.Th>
                <Table.Th>Groep</Table.Th>
                <Table.Th>Herkomst</Table.Th>
                <Table.Th>Doet mee</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.map((c) => (
                <ClientRow key={c.id} client={c} disabled={closed} onToggle={() => toggle('client', c.id, c.included)} />
              ))}
            </Table.Tbody>
          </Table>
        </SectionCard>
        <SectionCard title={`Woningen (${round.counts.unitsIncluded} beschikbaar)`} icon={<IconHome size={20} />} testId="prepare-units">
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Woning</Table.Th>
                <Table.Th>Gemeente, buurt</Table.Th>
                <Table.Th>Soort</Table.Th>
                <Table.Th ta="right">Huur</Table.Th>
                <Table.Th>Vrij per</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <UnitRow key={u.id} unit={u} disabled={closed} onToggle={() => toggle('unit', u.id, u.included)} />
              ))}
            </Table.Tbody>
          </Table>
        </SectionCard>
      </SimpleGrid>
      <ReasonModal
        opened={change !== null}
        title={change ? `${change.id} ${change.included ? 'toevoegen aan' : 'laten vallen uit'} de ronde` : ''}
        description={change?.included ? 'Waarom doet deze alsnog mee? De reden komt in het logboek.' : 'Waarom doet deze niet mee in deze ronde? De reden komt in het logboek.'}
        confirmLabel={change?.included ? 'Toevoegen' : 'Laten vallen'}
        reasonRequired
        onClose={() => setChange(null)}
        onConfirm={async (reason) => {
          if (!change) return;
          await api.call('rounds.setMember', { roundId: round.id, kind: change.kind, id: change.id, included: change.included, reason });
          onChanged();
        }}
      />
    </Stack>
  );
}

function ClientRow({ client: c, disabled, onToggle }: { client: RoundClientMember; disabled: boolean; onToggle: () => void }) {
  return (
    // A left-out candidate's row is shaded grey (not faded: faded text fails contrast).
    <Table.Tr data-testid={`member-client-${c.id}`} data-included={c.included} bg={c.included ? undefined : 'gray.0'}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {c.id}
          {c.name ? ` · ${c.name}` : ''}
        </Text>
        {c.housingFirst && (
          <Badge size="xs" color="grape" variant="light">
            Housing First
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{CLIENT_GROUP_LABELS[c.group]}</Table.Td>
      <Table.Td>{c.originMunicipality}</Table.Td>
      <Table.Td>
        {c.included ? (
          <Badge size="sm" color="green" variant="light">
            Ja{c.manual ? ' (toegevoegd)' : ''}
          </Badge>
        ) : (
          <Stack gap={2}>
            <Badge size="sm" color={c.openItems.length > 0 ? 'orange' : 'gray'} variant="light">
              {c.openItems.length > 0 ? 'Niet woonrijp' : 'Nee'}
            </Badge>
            {c.openItems.length > 0 ? (
              <Text size="xs" c="dimmed">
                Open: {c.openItems.join('; ')}
              </Text>
            ) : (
              c.reason && (
                <Text size="xs" c="dimmed">
                  {c.reason}
                </Text>
              )
            )}
          </Stack>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <MemberButton included={c.included} disabled={disabled} onClick={onToggle} testId={`toggle-client-${c.id}`} />
      </Table.Td>
    </Table.Tr>
  );
}

function UnitRow({ unit: u, disabled, onToggle }: { unit: RoundUnitMember; disabled: boolean; onToggle: () => void }) {
  return (
    <Table.Tr data-testid={`member-unit-${u.id}`} data-included={u.included}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {u.id}
        </Text>
        <Text size="xs" c="dimmed">
          {u.corporation}
        </Text>
      </Table.Td>
      <Table.Td>
        {u.municipality}
        {u.neighbourhood ? `, ${u.neighbourhood}` : ''}
      </Table.Td>
      <Table.Td>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(u.rent)}
      </Table.Td>
      <Table.Td>
        {formatDate(u.availableFrom)}
        {!u.included && u.reason && (
          <Text size="xs" c="dimmed">
            {u.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <MemberButton included={u.included} disabled={disabled} onClick={onToggle} testId={`toggle-unit-${u.id}`} />
      </Table.Td>
    </Table.Tr>
  );
}

function MemberButton({ included, disabled, onClick, testId }: { included: boolean; disabled: boolean; onClick: () => void; testId: string }) {
  return (
    <Button
      size="compact-xs"
      variant={included ? 'subtle' : 'light'}
      color={included ? 'red' : 'teal'}
      leftSection={included ? <IconMinus size={12} /> : <IconPlus size={12} />}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {included ? 'Laten vallen' : 'Toevoegen'}
    </Button>
  );
}
