// Nazorg: the to-do list of upcoming follow-up dates (verhuizing, start begeleiding, omklapdatum,
// huurcontract op eigen naam, 6/12/24-maandencheck) and every placement with its dates (editable) and
// checks (recorded here). Runs in the renderer; `followup.todo`, `placements.list/update/check`.
import { Alert, Badge, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconCalendarEvent, IconClipboardCheck, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { CHECK_MONTHS, type PlacementRow } from '../../../../shared/api/rounds.contract';
import { CONTRACT_FORMS, CONTRACT_FORM_LABELS, type ContractForm, UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { DateField } from '../../ui/date-field.component';
import { dateProblems } from '../../ui/date-text.util';
import { dateOrNull } from '../../ui/form-errors.util';
import { formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { StaleAlert } from '../../ui/stale-alert.component';
import { useStaleConflict } from '../../ui/stale-conflict.hook';

const who = (clientId: string | null, name: string | null) => (clientId ? `${clientId}${name ? ` · ${name}` : ''}` : 'eerdere plaatsing (geen cliënt in register)');

const HORIZONS = [
  { value: '3', label: '3 maanden' },
  { value: '12', label: '12 maanden' },
  { value: 'all', label: 'Alles' },
];

/** The last day shown in the to-do list: `months` ahead of today (local date), or none. */
function horizonEnd(months: string): string | undefined {
  if (months === 'all') return undefined;
  const d = new Date();
  d.setMonth(d.getMonth() + Number(months));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function FollowupPage() {
  const [horizon, setHorizon] = useState('12');
  const until = horizonEnd(horizon);
  const todo = useQuery('followup.todo', until ? { until } : {});
  const placements = useQuery('placements.list', {});
  const [editing, setEditing] = useState<PlacementRow | null>(null);
  const [checking, setChecking] = useState<PlacementRow | null>(null);
  const reload = () => {
    todo.refetch();
    placements.refetch();
  };
  return (
    <Stack gap="md" data-testid="followup-page">
      <BackLink to="/uitstroomtafel" label="Alle ronden" />
      <Title order={2}>Nazorg</Title>
      <Group justify="space-between" align="flex-end">
        <Title order={4}>Te doen</Title>
        <SegmentedControl size="xs" data={HORIZONS} value={horizon} onChange={setHorizon} aria-label="Periode" data-testid="todo-horizon" />
      </Group>
      {todo.error && <ErrorAlert error={todo.error} onRetry={todo.refetch} />}
      {!todo.data && !todo.error && <PageSkeleton lines={4} />}
      {todo.data && todo.data.length === 0 && (
        <Alert color="green" variant="light" icon={<IconCalendarEvent size={18} />}>
          Niets te doen.
        </Alert>
      )}
      {todo.data && todo.data.length > 0 && (
        <Table fz="sm" verticalSpacing={4} data-testid="todo">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Datum</Table.Th>
              <Table.Th>Wat</Table.Th>
              <Table.Th>Kandidaat</Table.Th>
              <Table.Th>Woning</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {todo.data.map((t, i) => (
              <Table.Tr key={`${t.placementId}-${t.kind}-${t.month ?? ''}-${i}`} data-testid={`todo-${t.kind}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(t.date)}
                  {t.overdue && (
                    <Badge ml={6} size="xs" color="red" variant="light">
                      te laat
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t.label}</Table.Td>
                <Table.Td>{who(t.clientId, t.clientName)}</Table.Td>
                <Table.Td>{t.unitId ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4}>Plaatsingen</Title>
      {placements.error && <ErrorAlert error={placements.error} onRetry={placements.refetch} />}
      {placements.data && (
        <Table fz="sm" verticalSpacing={4} data-testid="placements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kandidaat</Table.Th>
              <Table.Th>Woning</Table.Th>
              <Table.Th>Gemeente</Table.Th>
              <Table.Th>Verhuizing</Table.Th>
              <Table.Th>Start begeleiding</Table.Th>
              <Table.Th>Omklapdatum</Table.Th>
              <Table.Th>Eigen naam</Table.Th>
              <Table.Th>Checks</Table.Th>
              <Table.Th>
                <VisuallyHidden>Acties</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {placements.data.map((p) => (
              <Table.Tr key={p.id} data-testid={`placement-${p.id}`}>
                <Table.Td fw={500}>{who(p.clientId, p.clientName)}</Table.Td>
                <Table.Td>
                  {p.unitId ?? '—'}
                  {p.unitKind && (
                    <Text size="xs" c="dimmed">
                      {UNIT_KIND_LABELS[p.unitKind]}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{p.destinationMunicipality}</Table.Td>
                <Table.Td>{formatDate(p.moveInDate)}</Table.Td>
                <Table.Td>{formatDate(p.supportStart)}</Table.Td>
                <Table.Td>{formatDate(p.reviewDate)}</Table.Td>
                <Table.Td>{formatDate(p.leaseTransferDate)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.checks.map((c) => (
                      <Badge key={c.month} size="xs" variant="light" color={c.checkedAt ? (c.stillHoused ? 'green' : 'red') : 'gray'}>
                        {c.month} mnd{c.checkedAt ? (c.stillHoused ? ' ✓' : ' ✕') : ''}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={() => setEditing(p)} data-testid={`placement-edit-${p.id}`}>
                    Data
                  </Button>
                  <Button size="compact-xs" variant="subtle" leftSection={<IconClipboardCheck size={12} />} onClick={() => setChecking(p)} data-testid={`placement-check-${p.id}`}>
                    Check
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DatesModal placement={editing} onClose={() => setEditing(null)} onDone={reload} />
      <CheckModal placement={checking} onClose={() => setChecking(null)} onDone={reload} />
    </Stack>
  );
}

const DATE_FIELDS = [
  ['moveInDate', 'Verhuisdatum'],
  ['supportStart', 'Start begeleiding'],
  ['reviewDate', 'Omklapdatum (evaluatie)'],
  ['leaseTransferDate', 'Huurcontract op eigen naam'],
] as const;
type DateField = (typeof DATE_FIELDS)[number][0];

function problemMap(e: unknown): Record<string, string> {
  if (e instanceof ApiCallError && e.problems.length) return Object.fromEntries(e.problems.map((p) => [p.path || 'form', p.message]));
  return { form: e instanceof Error ? e.message : String(e) };
}

function DatesModal({ placement, onClose, onDone }: { placement: PlacementRow | null; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [dates, setDates] = useState<Record<DateField, string>>({ moveInDate: '', supportStart: '', reviewDate: '', leaseTransferDate: '' });
  const [contractForm, setContractForm] = useState<ContractForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Changed by someone else since the list was loaded: close, and reload the list (the latest dates).
  const stale = useStaleConflict(() => {
    onClose();
    onDone();
  });
  useEffect(() => {
    if (!placement) return;
    setDates({
      moveInDate: placement.moveInDate ?? '',
      supportStart: placement.supportStart ?? '',
      reviewDate: placement.reviewDate ?? '',
      leaseTransferDate: placement.leaseTransferDate ?? '',
    });
    setContractForm(placement.contractForm);
    setErrors({});
    stale.clear();
  }, [placement, stale.clear]);
  const submit = async () => {
    if (!placement) return;
    const typed = dateProblems(dates);
    if (Object.keys(typed).length > 0) {
      setErrors(typed);
      return;
    }
    try {
      await api.call('placements.update', {
        id: placement.id,
        moveInDate: dateOrNull(dates.moveInDate),
        supportStart: dateOrNull(dates.supportStart),
        reviewDate: dateOrNull(dates.reviewDate),
        leaseTransferDate: dateOrNull(dates.leaseTransferDate),
        contractForm,
        expectedVersion: placement.version,
      });
      onClose();
      onDone();
    } catch (e) {
      if (stale.catchStale(e)) setErrors({});
      else setErrors(problemMap(e));
    }
  };
  return (
    <Modal opened={placement !== null} onClose={onClose} title={`Data van de plaatsing ${placement ? who(placement.clientId, placement.clientName) : ''}`} centered data-testid="dates-modal">
      <Stack gap="sm">
        {DATE_FIELDS.map(([field, label]) => (
          <DateField
            key={field}
            label={label}
            description="Leeg = nog niet bekend"
            value={dates[field]}
            onChange={(v) => setDates((d) => ({ ...d, [field]: v }))}
            error={errors[field]}
            data-testid={`date-${field}`}
          />
        ))}
        <Select
          label="Contractvorm"
          data={CONTRACT_FORMS.map((f) => ({ value: f, label: CONTRACT_FORM_LABELS[f] }))}
          value={contractForm}
          onChange={(v) => setContractForm(CONTRACT_FORMS.find((f) => f === v) ?? null)}
          clearable
        />
        <StaleAlert error={stale.error} onReload={stale.reload} />
        {errors.form && (
          <Alert color="red" variant="light" p="xs">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuleren
          </Button>
          <Button onClick={() => void submit()} data-testid="dates-save">
            Opslaan
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CheckModal({ placement, onClose, onDone }: { placement: PlacementRow | null; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [month, setMonth] = useState<string>('6');
  const [stillHoused, setStillHoused] = useState(true);
  const [relapse, setRelapse] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const stale = useStaleConflict(() => {
    onClose();
    onDone();
  });
  useEffect(() => {
    const open = placement?.checks.find((c) => !c.checkedAt);
    setMonth(String(open?.month ?? 6));
    setStillHoused(true);
    setRelapse(false);
    setNote('');
    setErrors({});
    stale.clear();
  }, [placement, stale.clear]);
  const submit = async () => {
    if (!placement) return;
    const m = CHECK_MONTHS.find((c) => String(c) === month) ?? 6;
    try {
      await api.call('placements.check', {
        id: placement.id,
        month: m,
        stillHoused,
        relapse,
        ...(note.trim() ? { note: note.trim() } : {}),
        expectedVersion: placement.version,
      });
      onClose();
      onDone();
    } catch (e) {
      if (stale.catchStale(e)) setErrors({});
      else setErrors(problemMap(e));
    }
  };
  return (
    <Modal opened={placement !== null} onClose={onClose} title="Check vastleggen" centered data-testid="check-modal">
      <Stack gap="sm">
        <Select label="Check" data={CHECK_MONTHS.map((m) => ({ value: String(m), label: `${m}-maandencheck` }))} value={month} onChange={(v) => v && setMonth(v)} allowDeselect={false} />
        <Checkbox label="Woont nog in de woning" checked={stillHoused} onChange={(e) => setStillHoused(e.currentTarget.checked)} data-testid="check-housed" />
        <Checkbox label="Terugval" checked={relapse} onChange={(e) => setRelapse(e.currentTarget.checked)} data-testid="check-relapse" />
        <Textarea label="Toelichting" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <StaleAlert error={stale.error} onReload={stale.reload} />
        {errors.form && (
          <Alert color="red" variant="light" p="xs">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuleren
          </Button>
          <Button onClick={() => void submit()} data-testid="check-save">
            Vastleggen
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
