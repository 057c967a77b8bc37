// Woning toevoegen of bewerken: one form with local checks for the obvious (required fields, dates)
// and the server's problems shown at their fields. Runs in the renderer; saves through
// `units.create` / `units.update`, choices from `reference.get`.
import { Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Reference } from '../../../../shared/api/contract';
import type { ApiProblem } from '../../../../shared/api/result';
import { Unit } from '../../../../shared/dataset/dataset.schema';
import {
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  CONTRACT_FORM_LABELS,
  CONTRACT_FORMS,
  NEED_LABELS,
  NEEDS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_STATUS_LABELS,
  UNIT_STATUSES,
  type ClientGroup,
  type ContractForm,
  type Need,
  type UnitKind,
  type UnitStatus,
} from '../../../../shared/domain/codes';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { DateField } from '../../ui/date-field.component';
import { dateTextProblem } from '../../ui/date-text.util';
import { SectionCard } from '../../ui/detail-blocks.component';
import { type FieldErrors, problemLine, toFieldErrors, zodProblems } from '../../ui/form-errors.util';
import { type NumberText, amountText, parseAmountText, parseWholeText, wholeText } from '../../ui/number-text.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { FormProblems, type ProblemLine, fieldId } from '../../ui/form-problems.component';
import { StaleAlert } from '../../ui/stale-alert.component';
import { useStaleConflict } from '../../ui/stale-conflict.hook';

/** A number field's text as typed ('' when empty). */
type Num = string;

interface Draft {
  id: string;
  corporationId: string | null;
  municipalityCode: string | null;
  neighbourhoodCode: string | null;
  complex: string;
  address: string;
  kind: UnitKind | null;
  rooms: Num;
  floor: Num;
  lift: boolean;
  rent: Num;
  availableFrom: string;
  allowedGroups: ClientGroup[];
  minAge: Num;
  maxAge: Num;
  contractForms: ContractForm[];
  features: Need[];
  status: UnitStatus;
  occupantClientId: string;
  notes: string;
}

const EMPTY: Draft = {
  id: '',
  corporationId: null,
  municipalityCode: null,
  neighbourhoodCode: null,
  complex: '',
  address: '',
  kind: null,
  rooms: '1',
  floor: '0',
  lift: false,
  rent: '',
  availableFrom: '',
  allowedGroups: [],
  minAge: '',
  maxAge: '',
  contractForms: ['regular'],
  features: [],
  status: 'available',
  occupantClientId: '',
  notes: '',
};

function toDraft(u: Unit): Draft {
  return {
    ...u,
    complex: u.complex ?? '',
    address: u.address ?? '',
    rooms: wholeText(u.rooms),
    floor: wholeText(u.floor),
    rent: amountText(u.rent),
    minAge: wholeText(u.minAge),
    maxAge: wholeText(u.maxAge),
    occupantClientId: u.occupantClientId ?? '',
  };
}

const FIELD_LABELS: Record<string, string> = {
  id: 'Code',
  corporationId: 'Corporatie',
  municipalityCode: 'Gemeente',
  neighbourhoodCode: 'Buurt',
  complex: 'Complex',
  address: 'Adres',
  kind: 'Soort',
  rooms: 'Kamers',
  floor: 'Verdieping',
  rent: 'Huur',
  availableFrom: 'Beschikbaar vanaf',
  allowedGroups: 'Doelgroepen',
  minAge: 'Minimumleeftijd',
  maxAge: 'Maximumleeftijd',
  contractForms: 'Contractvormen',
  features: 'Voorzieningen',
  status: 'Status',
  occupantClientId: 'Huidige bewoner',
  notes: 'Notities',
};

function fromDraft(d: Draft): { unit: Unit | null; problems: ApiProblem[] } {
  const problems: ApiProblem[] = [];
  const need = (path: string, value: unknown) => {
    if (value === null || value === '') problems.push({ path, message: 'verplicht' });
  };
  need('id', d.id.trim());
  need('corporationId', d.corporationId);
  need('municipalityCode', d.municipalityCode);
  need('kind', d.kind);
  need('availableFrom', d.availableFrom.trim());
  const dateProblem = dateTextProblem(d.availableFrom);
  if (dateProblem) problems.push({ path: 'availableFrom', message: dateProblem });
  need('rent', d.rent.trim());
  // What was typed, read as the import reads it; text that is no number is named ("'abc' is geen bedrag").
  const typed = (path: string, r: NumberText) => {
    if (r.ok) return r.value;
    problems.push({ path, message: r.message });
    return null;
  };
  const whole = (path: string, text: Num, min: number, max: number) => typed(path, parseWholeText(text, min, max));
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  const candidate = {
    id: d.id.trim(),
    corporationId: d.corporationId ?? '',
    municipalityCode: d.municipalityCode ?? '',
    neighbourhoodCode: d.neighbourhoodCode,
    complex: text(d.complex),
    address: text(d.address),
    kind: d.kind,
    rooms: whole('rooms', d.rooms, 1, 10) ?? 1,
    floor: whole('floor', d.floor, -1, 40) ?? 0,
    lift: d.lift,
    rent: typed('rent', parseAmountText(d.rent)) ?? 0,
    availableFrom: d.availableFrom.trim(),
    allowedGroups: d.allowedGroups,
    minAge: whole('minAge', d.minAge, 16, 120),
    maxAge: whole('maxAge', d.maxAge, 16, 120),
    contractForms: d.contractForms,
    features: d.features,
    status: d.status,
    occupantClientId: text(d.occupantClientId),
    notes: d.notes,
  };
  const parsed = Unit.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.path));
    for (const p of zodProblems(parsed.error)) if (!seen.has(p.path)) problems.push(p);
  }
  if (candidate.minAge !== null && candidate.maxAge !== null && candidate.minAge > candidate.maxAge)
    problems.push({ path: 'maxAge', message: 'is lager dan de minimumleeftijd' });
  return { unit: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}

function errorAt(errors: FieldErrors, path: string): string | undefined {
  const own = Object.entries(errors)
    .filter(([p]) => p === path || p.startsWith(`${path}.`))
    .map(([, m]) => m);
  return own.length ? own.join('; ') : undefined;
}

export function UnitCreatePage() {
  const reference = useQuery('reference.get', {});
  return (
    <Stack gap="md" data-testid="unit-form-page">
      <BackLink to="/woningen" label="Alle woningen" />
      <Title order={2}>Nieuwe woning</Title>
      {reference.error && <ErrorAlert error={reference.error} onRetry={reference.refetch} />}
      {!reference.data && !reference.error && <PageSkeleton lines={10} />}
      {reference.data && <UnitForm reference={reference.data} original={null} version={null} onReload={() => undefined} />}
    </Stack>
  );
}

export function UnitEditPage() {
  const { id = '' } = useParams();
  const reference = useQuery('reference.get', {});
  const unit = useQuery('units.get', { id });
  const error = reference.error ?? unit.error;
  return (
    <Stack gap="md" data-testid="unit-form-page">
      <BackLink to={`/woningen/${encodeURIComponent(id)}`} label={`Terug naar ${id}`} />
      <Title order={2}>Woning {id} bewerken</Title>
      {error && <ErrorAlert error={error} />}
      {(!reference.data || !unit.data) && !error && <PageSkeleton lines={10} />}
      {reference.data && unit.data && (
        // Keyed by version: "Opnieuw laden" rebuilds the form from the latest record, nothing stale kept.
        <UnitForm key={unit.data.version} reference={reference.data} original={unit.data} version={unit.data.version} onReload={unit.refetch} />
      )}
    </Stack>
  );
}

function UnitForm({
  reference,
  original,
  version,
  onReload,
}: {
  reference: Reference;
  original: Unit | null;
  /** The version the edit starts from (sent as expectedVersion); null for a new unit. */
  version: number | null;
  onReload: () => void;
}) {
  const api = useApi();
  const stale = useStaleConflict(onReload);
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => (original ? toDraft(original) : EMPTY));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<(string | ProblemLine)[]>([]);
  const [saving, setSaving] = useState(false);
  const editing = original !== null;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const err = (path: string) => errorAt(errors, path);
  const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

  const showProblems = (problems: ApiProblem[]) => {
    setErrors(toFieldErrors(problems));
    setSummary(problems.map((p) => ({ text: problemLine(p, FIELD_LABELS), path: p.path })));
    window.scrollTo({ top: 0 });
  };

  const save = async () => {
    const { unit, problems } = fromDraft(draft);
    if (!unit) {
      showProblems(problems);
      return;
    }
    setSaving(true);
    try {
      if (version !== null) await api.call('units.update', { ...unit, expectedVersion: version });
      else await api.call('units.create', unit);
      navigate(`/woningen/${encodeURIComponent(unit.id)}`, { replace: true });
    } catch (e) {
      if (stale.catchStale(e)) {
        setErrors({});
        setSummary([]);
        window.scrollTo({ top: 0 });
      } else if (e instanceof ApiCallError && e.problems.length) showProblems(e.problems);
      else {
        setErrors({});
        setSummary([e instanceof Error ? e.message : String(e)]);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md" data-testid="unit-form">
      <StaleAlert error={stale.error} onReload={stale.reload} />
      <FormProblems lines={summary} />

      <SectionCard title="Woning">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label="Code"
            placeholder="bijv. W-046"
            withAsterisk
            value={draft.id}
            onChange={(e) => set('id', e.currentTarget.value)}
            disabled={editing}
            id={fieldId('id')} error={err('id')}
            data-testid="field-id"
          />
          <Select
            label="Corporatie"
            withAsterisk
            data={reference.corporations.map((c) => ({ value: c.id, label: c.name }))}
            value={draft.corporationId}
            onChange={(v) => set('corporationId', v)}
            id={fieldId('corporationId')} error={err('corporationId')}
            data-testid="field-corporationId"
          />
          <Select
            label="Soort"
            withAsterisk
            data={options(UNIT_KINDS, UNIT_KIND_LABELS)}
            value={draft.kind}
            onChange={(v) => set('kind', v as UnitKind | null)}
            id={fieldId('kind')} error={err('kind')}
            data-testid="field-kind"
          />
          <Select
            label="Gemeente"
            withAsterisk
            data={reference.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            value={draft.municipalityCode}
            onChange={(v) => setDraft((d) => ({ ...d, municipalityCode: v, neighbourhoodCode: null }))}
            searchable
            id={fieldId('municipalityCode')} error={err('municipalityCode')}
            data-testid="field-municipalityCode"
          />
          <Select
            label="Buurt"
            placeholder={draft.municipalityCode ? 'Kies een buurt' : 'Kies eerst een gemeente'}
            data={reference.neighbourhoods.filter((n) => n.municipalityCode === draft.municipalityCode).map((n) => ({ value: n.code, label: n.name }))}
            value={draft.neighbourhoodCode}
            onChange={(v) => set('neighbourhoodCode', v)}
            disabled={!draft.municipalityCode}
            searchable
            clearable
            id={fieldId('neighbourhoodCode')} error={err('neighbourhoodCode')}
            data-testid="field-neighbourhoodCode"
          />
          <TextInput label="Complex" value={draft.complex} onChange={(e) => set('complex', e.currentTarget.value)} id={fieldId('complex')} error={err('complex')} />
          <TextInput
            label="Adres"
            value={draft.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            id={fieldId('address')} error={err('address')}
            data-testid="field-address"
          />
          <TextInput label="Kamers" inputMode="numeric" value={draft.rooms} onChange={(e) => set('rooms', e.currentTarget.value)} id={fieldId('rooms')} error={err('rooms')} data-testid="field-rooms" />
          <TextInput
            label="Verdieping (0 = begane grond, -1 = souterrain)"
            inputMode="numeric"
            value={draft.floor}
            onChange={(e) => set('floor', e.currentTarget.value)}
            id={fieldId('floor')} error={err('floor')}
            data-testid="field-floor"
          />
        </SimpleGrid>
        <Checkbox label="Lift" checked={draft.lift} onChange={(e) => set('lift', e.currentTarget.checked)} mt="sm" />
      </SectionCard>

      <SectionCard title="Huur en beschikbaarheid">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label="Huur per maand (€)"
            withAsterisk
            inputMode="decimal"
            placeholder="bijv. 612,35"
            value={draft.rent}
            onChange={(e) => set('rent', e.currentTarget.value)}
            id={fieldId('rent')} error={err('rent')}
            data-testid="field-rent"
          />
          <DateField
            label="Beschikbaar vanaf"
            withAsterisk
            value={draft.availableFrom}
            onChange={(v) => set('availableFrom', v)}
            id={fieldId('availableFrom')} error={err('availableFrom')}
            data-testid="field-availableFrom"
          />
          <Select
            label="Status"
            data={options(UNIT_STATUSES, UNIT_STATUS_LABELS)}
            value={draft.status}
            onChange={(v) => v && set('status', v as UnitStatus)}
            allowDeselect={false}
            disabled={editing}
            description={editing ? 'Wijzig de status op de woningpagina (met reden)' : undefined}
          />
          <MultiSelect
            label="Contractvormen"
            withAsterisk
            data={options(CONTRACT_FORMS, CONTRACT_FORM_LABELS)}
            value={draft.contractForms}
            onChange={(v) => set('contractForms', v as ContractForm[])}
            id={fieldId('contractForms')} error={err('contractForms')}
          />
          <MultiSelect
            label="Voorzieningen"
            placeholder={draft.features.length ? undefined : 'Geen'}
            data={options(NEEDS, NEED_LABELS)}
            value={draft.features}
            onChange={(v) => set('features', v as Need[])}
            clearable
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Voor wie">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <MultiSelect
            label="Doelgroepen (leeg = alle)"
            data={options(CLIENT_GROUPS, CLIENT_GROUP_LABELS)}
            value={draft.allowedGroups}
            onChange={(v) => set('allowedGroups', v as ClientGroup[])}
            clearable
          />
          <TextInput label="Minimumleeftijd" inputMode="numeric" value={draft.minAge} onChange={(e) => set('minAge', e.currentTarget.value)} id={fieldId('minAge')} error={err('minAge')} data-testid="field-minAge" />
          <TextInput label="Maximumleeftijd" inputMode="numeric" value={draft.maxAge} onChange={(e) => set('maxAge', e.currentTarget.value)} id={fieldId('maxAge')} error={err('maxAge')} data-testid="field-maxAge" />
          <TextInput
            label="Huidige bewoner (omklap)"
            placeholder="code kandidaat, bijv. K-0012"
            value={draft.occupantClientId}
            onChange={(e) => set('occupantClientId', e.currentTarget.value)}
            id={fieldId('occupantClientId')} error={err('occupantClientId')}
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Notities">
        <Textarea autosize minRows={3} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} id={fieldId('notes')} error={err('notes')} aria-label="Notities" />
      </SectionCard>

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Velden met * zijn verplicht.
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate(-1)}>
            Annuleren
          </Button>
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void save()} loading={saving} data-testid="unit-save">
            {editing ? 'Wijzigingen opslaan' : 'Woning opslaan'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
