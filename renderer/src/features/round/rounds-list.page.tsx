// Uitstroomtafel: every round (date, planning window, status, proposed, placed and decided counts) and
// "Nieuwe ronde" (date and planning window). Runs in the renderer; data from `rounds.list`.
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarEvent, IconListCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RoundStatus } from '../../../../shared/api/rounds.contract';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { DateField } from '../../ui/date-field.component';
import { dateProblems } from '../../ui/date-text.util';
import { type FieldErrors, toFieldErrors } from '../../ui/form-errors.util';
import { formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  preparing: 'In voorbereiding',
  proposed: 'Voorstel gedaan',
  closed: 'Afgerond',
};
const ROUND_STATUS_COLORS: Record<RoundStatus, string> = { preparing: 'yellow', proposed: 'blue', closed: 'green' };

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  return (
    <Badge variant="light" color={ROUND_STATUS_COLORS[status]} data-testid="round-status">
      {ROUND_STATUS_LABELS[status]}
    </Badge>
  );
}

export function RoundsListPage() {
  const rounds = useQuery('rounds.list', {});
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md" data-testid="rounds-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Uitstroomtafel</Title>
          <Text size="sm" c="dimmed">
            De ronden van de tafel: voorbereiden, voorstel, besluiten, afronden. De app doet een voorstel; mensen besluiten.
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to="/uitstroomtafel/nazorg" variant="default" leftSection={<IconListCheck size={16} />} data-testid="nav-followup">
            Nazorg
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="round-new">
            Nieuwe ronde
          </Button>
        </Group>
      </Group>
      {rounds.error && <ErrorAlert error={rounds.error} onRetry={rounds.refetch} />}
      {!rounds.data && !rounds.error && <PageSkeleton lines={5} />}
      {rounds.data && rounds.data.length === 0 && (
        <Alert color="blue" variant="light" icon={<IconCalendarEvent size={20} />} data-testid="rounds-empty">
          Nog geen ronden. Begin met “Nieuwe ronde”.
        </Alert>
      )}
      {rounds.data && rounds.data.length > 0 && (
        <Table highlightOnHover verticalSpacing="xs" fz="sm" data-testid="rounds-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Datum</Table.Th>
              <Table.Th>Planningsperiode</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Kandidaten</Table.Th>
              <Table.Th ta="right">Woningen</Table.Th>
              <Table.Th ta="right">Versies</Table.Th>
              <Table.Th ta="right">Voorgesteld</Table.Th>
              <Table.Th ta="right">Geplaatst</Table.Th>
              <Table.Th ta="right">Besluiten</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rounds.data.map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/uitstroomtafel/${r.id}`)} data-testid={`round-row-${r.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/uitstroomtafel/${r.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {formatDate(r.date)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {formatDate(r.windowFrom)} t/m {formatDate(r.windowTo)}
                </Table.Td>
                <Table.Td>
                  <RoundStatusBadge status={r.status} />
                </Table.Td>
                <Table.Td ta="right">{r.counts.clientsIncluded}</Table.Td>
                <Table.Td ta="right">{r.counts.unitsIncluded}</Table.Td>
                <Table.Td ta="right">{r.counts.versions}</Table.Td>
                {/* Pairs of the latest version; placed only once the round is closed (declined pairs are not). */}
                <Table.Td ta="right" data-testid="round-proposed">
                  {r.latest ? r.latest.proposed : '—'}
                </Table.Td>
                <Table.Td ta="right" data-testid="round-placed">
                  {r.status === 'closed' ? r.counts.placements : '—'}
                </Table.Td>
                <Table.Td ta="right">{r.counts.decisions}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewRoundModal opened={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/uitstroomtafel/${id}`)} />
    </Stack>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function NewRoundModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const api = useApi();
  const [date, setDate] = useState(today);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => addMonths(today(), 2));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const typed = dateProblems({ date, windowFrom: from, windowTo: to });
    if (Object.keys(typed).length > 0) {
      setErrors(typed);
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const { id } = await api.call('rounds.create', { date: date.trim(), windowFrom: from.trim(), windowTo: to.trim() });
      onClose();
      onCreated(id);
    } catch (e) {
      if (e instanceof ApiCallError && e.problems.length > 0) setErrors(toFieldErrors(e.problems));
      else setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Nieuwe ronde" centered data-testid="round-new-modal">
      <Stack gap="sm">
        <Text size="sm">
          De app verzamelt de kandidaten (woonrijp of Housing First) en de woningen die uiterlijk aan het einde van de planningsperiode vrij zijn.
        </Text>
        <DateField label="Datum van de tafel" value={date} onChange={setDate} error={errors.date} data-testid="round-date" />
        <Group grow align="flex-start">
          <DateField label="Planningsperiode van" value={from} onChange={setFrom} error={errors.windowFrom} data-testid="round-from" />
          <DateField label="tot en met" value={to} onChange={setTo} error={errors.windowTo} data-testid="round-to" />
        </Group>
        {message && (
          <Alert color="red" variant="light" p="xs">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuleren
          </Button>
          <Button onClick={() => void submit()} loading={busy} data-testid="round-create">
            Ronde aanmaken
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
