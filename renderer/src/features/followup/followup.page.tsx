// Nazorg: the to-do list of upcoming follow-up dates (verhuizing, start begeleiding, omklapdatum,
// huurcontract op eigen naam, controles na 6/12/24 maanden), every followed placement with its dates
// (editable) and checks (recorded here), and apart from them the earlier placements read in as history,
// which are not followed. Runs in the renderer; `followup.todo`, `placements.list/update/check`.
import { Alert, Badge, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconCircleCheck, IconClipboardCheck, IconClock, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { CHECK_MONTHS, type PlacementRow } from '../../../../shared/api/rounds.contract';
import { CONTRACT_FORMS, CONTRACT_FORM_LABELS, type ContractForm, UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { isFollowed } from '../../../../shared/domain/followup';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { DateField } from '../../ui/date-field.component';
import { dateProblems, localToday } from '../../ui/date-text.util';
import { dateOrNull } from '../../ui/form-errors.util';
import { formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { StaleAlert } from '../../ui/stale-alert.component';
import { useStaleConflict } from '../../ui/stale-conflict.hook';
import { type CheckPill, checkPill } from './check-pill.util';

/** The client's code (and name), or that the placement has no client in the register (history, or erased). */
const who = (clientId: string | null, name: string | null) => (clientId ? `${clientId}${name ? ` · ${name}` : ''}` : 'Geen kandidaat in het register');

const HORIZONS = [
  { value: '3', label: '3 maanden' },
  { value: '12', label: '12 maanden' },
  { value: 'all', label: 'Alles' },
];

const PILL_ICONS: Record<CheckPill['state'], typeof IconClock> = { done: IconCircleCheck, due: IconClock, overdue: IconAlertTriangle };

/** The last day shown in the to-do list: `months` ahead of today (local date), or none. */
function horizonEnd(months: string): string | undefined {
  if (months === 'all') return undefined;
  const d = new Date();
  d.setMonth(d.getMonth() + Number(months));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

type Checking = { placement: PlacementRow; month: number | null };

export function FollowupPage() {
  const [horizon, setHorizon] = useState('12');
  const until = horizonEnd(horizon);
  const todo = useQuery('followup.todo', until ? { until } : {});
  const placements = useQuery('placements.list', {});
  const [editing, setEditing] = useState<PlacementRow | null>(null);
  const [checking, setChecking] = useState<Checking | null>(null);
  const reload = () => {
    todo.refetch();
    placements.refetch();
  };
  const today = localToday();
  const followed = placements.data?.filter(isFollowed) ?? [];
  const history = placements.data?.filter((p) => !isFollowed(p)) ?? [];
  return (
    <Stack gap="md" data-testid="followup-page">
      <BackLink to="/uitstroomtafel" label="Alle ronden" />
      <Title order={2}>Nazorg</Title>
      <Text size="sm" c="dimmed" maw={900} data-testid="followup-intro">
        Elke plaatsing uit een ronde wordt hier gevolgd: de verhuisdatum, de start van de begeleiding, bij een omklapwoning de evaluatie (omklapdatum) en de datum
        waarop het huurcontract op naam van de cliënt zelf komt, en een controle na 6, 12 en 24 maanden: woont de cliënt nog in de woning, en is er terugval?
      </Text>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          Te doen
        </Title>
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
      <Title order={3} size="h4">
        Plaatsingen in nazorg
      </Title>
      {placements.error && <ErrorAlert error={placements.error} onRetry={placements.refetch} />}
      {placements.data && followed.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="placements-empty">
          Nog geen plaatsingen uit een ronde.
        </Text>
      )}
      {followed.length > 0 && (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table fz="sm" verticalSpacing={4} data-testid="placements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kandidaat</Table.Th>
                <Table.Th>Woning</Table.Th>
                <Table.Th>Gemeente</Table.Th>
                <Table.Th>Datums</Table.Th>
                <Table.Th>Controles</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Acties</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {followed.map((p) => {
                const name = who(p.clientId, p.clientName);
                return (
                  <Table.Tr key={p.id} data-testid={`placement-${p.id}`}>
                    <Table.Td fw={500}>{name}</Table.Td>
                    <Table.Td>
                      {p.unitId ?? '—'}
                      {p.unitKind && (
                        <Text size="xs" c="dimmed">
                          {UNIT_KIND_LABELS[p.unitKind]}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{p.destinationMunicipality}</Table.Td>
                    <Table.Td data-testid={`placement-dates-${p.id}`}>
                      <PlacementDates placement={p} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        {p.checks.map((c) => {
                          const pill = checkPill(c, today);
                          const Icon = PILL_ICONS[pill.state];
                          return (
                            <Badge
                              key={c.month}
                              component="button"
                              type="button"
                              size="xs"
                              variant="light"
                              color={pill.color}
                              tt="none"
                              leftSection={<Icon size={12} aria-hidden />}
                              style={{ cursor: 'pointer', whiteSpace: 'nowrap' }}
                              aria-label={`${pill.label}; ${name}`}
                              title={pill.label}
                              onClick={() => setChecking({ placement: p, month: c.month })}
                              data-testid={`check-pill-${p.id}-${c.month}`}
                              data-state={pill.state}
                            >
                              {pill.text}
                            </Badge>
                          );
                        })}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Stack gap={2} align="flex-end">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconPencil size={12} />}
                          onClick={() => setEditing(p)}
                          aria-label={`Datums wijzigen: ${name}`}
                          data-testid={`placement-edit-${p.id}`}
                        >
                          Datums wijzigen
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconClipboardCheck size={12} />}
                          onClick={() => setChecking({ placement: p, month: null })}
                          aria-label={`Controle vastleggen: ${name}`}
                          data-testid={`placement-check-${p.id}`}
                        >
                          Controle vastleggen
                        </Button>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {history.length > 0 && (
        <Stack gap="xs" data-testid="history-placements">
          <Title order={3} size="h4">
            Eerdere plaatsingen (niet gevolgd)
          </Title>
          <Text size="sm" c="dimmed" maw={900}>
            Plaatsingen van vóór deze app, ingelezen als geschiedenis. Ze tellen mee in de monitor en in de grenzen per buurt en complex, maar hebben geen
            nazorg: vaak staat de kandidaat niet in het register en is de woning niet bekend. Wilt u er toch een volgen, vul dan een verhuisdatum in; de plaatsing komt
            dan hierboven, met controles na 6, 12 en 24 maanden vanaf die datum.
          </Text>
          <Table fz="sm" verticalSpacing={4} data-testid="history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Geplaatst op</Table.Th>
                <Table.Th>Kandidaat</Table.Th>
                <Table.Th>Gemeente</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Acties</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((p) => (
                <Table.Tr key={p.id} data-testid={`history-${p.id}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.date)}</Table.Td>
                  <Table.Td c={p.clientId ? undefined : 'dimmed'}>{who(p.clientId, p.clientName)}</Table.Td>
                  <Table.Td>{p.destinationMunicipality}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPencil size={12} />}
                      onClick={() => setEditing(p)}
                      aria-label={`Nazorg plannen: plaatsing van ${formatDate(p.date)} in ${p.destinationMunicipality}`}
                      data-testid={`history-edit-${p.id}`}
                    >
                      Nazorg plannen
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <DatesModal placement={editing} onClose={() => setEditing(null)} onDone={reload} />
      <CheckModal checking={checking} onClose={() => setChecking(null)} onDone={reload} />
    </Stack>
  );
}

/** The follow-up dates set for a placement, each with its name; the ones not yet known are left out. */
function PlacementDates({ placement }: { placement: PlacementRow }) {
  const set = DATE_FIELDS.filter(([field]) => placement[field]);
  if (set.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Nog geen datums
      </Text>
    );
  return (
    <Stack gap={0}>
      {set.map(([field, label]) => (
        <Text key={field} size="xs">
          {label}: <span style={{ whiteSpace: 'nowrap' }}>{formatDate(placement[field])}</span>
        </Text>
      ))}
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
    <Modal opened={placement !== null} onClose={onClose} title={placement ? `Datums van de plaatsing: ${placement.clientId ? who(placement.clientId, placement.clientName) : `eerdere plaatsing van ${formatDate(placement.date)}`}` : ''} centered data-testid="dates-modal">
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

function CheckModal({ checking, onClose, onDone }: { checking: Checking | null; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const placement = checking?.placement ?? null;
  const [month, setMonth] = useState<string>('6');
  const [stillHoused, setStillHoused] = useState(true);
  const [relapse, setRelapse] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const stale = useStaleConflict(() => {
    onClose();
    onDone();
  });
  // The chosen check's recorded answers (to change them), or a fresh form.
  const fill = (p: PlacementRow, m: number) => {
    const c = p.checks.find((x) => x.month === m);
    setMonth(String(m));
    setStillHoused(c?.checkedAt ? c.stillHoused !== false : true);
    setRelapse(c?.checkedAt ? c.relapse === true : false);
    setNote(c?.checkedAt ? c.note : '');
  };
  useEffect(() => {
    if (!checking) return;
    // A pill opens its own check; the row's button the first one not yet recorded.
    const first = checking.placement.checks.find((c) => !c.checkedAt);
    fill(checking.placement, checking.month ?? first?.month ?? 6);
    setErrors({});
    stale.clear();
  }, [checking, stale.clear]);
  const today = localToday();
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
    <Modal
      opened={placement !== null}
      onClose={onClose}
      title={placement ? `Controle vastleggen: ${who(placement.clientId, placement.clientName)}` : ''}
      centered
      data-testid="check-modal"
    >
      <Stack gap="sm">
        <Select
          label="Controle"
          data={(placement?.checks ?? []).map((c) => ({ value: String(c.month), label: `Na ${c.month} maanden — ${checkPill(c, today).text.replace(/^\d+ mnd: /, '')}` }))}
          value={month}
          onChange={(v) => placement && v && fill(placement, Number(v))}
          allowDeselect={false}
          data-testid="check-month"
        />
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
