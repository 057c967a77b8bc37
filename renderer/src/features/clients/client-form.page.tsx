// Kandidaat toevoegen of bewerken: one form in the detail page's sections, local checks for the obvious,
// the server's problems at their fields; a provider worker's care provider is fixed to their own.
// Runs in the renderer; saves through `clients.create` / `clients.update`, choices from `reference.get`.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Reference } from '../../../../shared/api/contract';
import type { ApiProblem } from '../../../../shared/api/result';
import { Client } from '../../../../shared/dataset/dataset.schema';
import {
  AVOID_REASON_LABELS,
  AVOID_REASONS,
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  CONSENT_PARTIES,
  CONSENT_PARTY_LABELS,
  DEBT_STATUS_LABELS,
  DEBT_STATUSES,
  FUNDING_FRAME_LABELS,
  FUNDING_FRAMES,
  GENDER_LABELS,
  GENDERS,
  INCOME_SOURCE_LABELS,
  INCOME_SOURCES,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  NEED_LABELS,
  NEEDS,
  NETWORK_KIND_LABELS,
  NETWORK_KINDS,
  SUPPORT_INTENSITIES,
  SUPPORT_INTENSITY_LABELS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  URGENCY_LABELS,
  URGENCY_LEVELS,
  type AvoidReason,
  type ClientGroup,
  type ConsentParty,
  type DebtStatus,
  type FundingFrame,
  type Gender,
  type IncomeSource,
  type LegalBasis,
  type Need,
  type NetworkKind,
  type SupportIntensity,
  type UnitKind,
  type Urgency,
} from '../../../../shared/domain/codes';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { AvoidPlacesNote } from '../../ui/avoid-places-note.component';
import { DateField } from '../../ui/date-field.component';
import { dateTextProblem, localToday } from '../../ui/date-text.util';
import { SectionCard } from '../../ui/detail-blocks.component';
import { type FieldErrors, dateOrNull, problemLine, toFieldErrors, zodProblems } from '../../ui/form-errors.util';
import { type NumberText, amountText, parseAmountText, parseWholeText, wholeText } from '../../ui/number-text.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { FormProblems, type ProblemLine, fieldId } from '../../ui/form-problems.component';
import { StaleAlert } from '../../ui/stale-alert.component';
import { useStaleConflict } from '../../ui/stale-conflict.hook';
import { useSessionUser } from '../auth/auth.context';
import { ConsentToday } from './consent-today.component';

type ClientValue = Client;
/** A number field's text as typed ('' when empty). */
type Num = string;

interface PlaceDraft {
  category: string;
  municipalityCode: string | null;
  neighbourhoodCode: string | null;
  note: string;
}

interface ConsentDraft {
  party: ConsentParty;
  partyId: string | null;
  basis: LegalBasis;
  given: boolean;
  date: string;
}

/** The form's state: the client's fields as the inputs hold them (text for dates, '' for empty numbers). */
interface Draft {
  id: string;
  name: string;
  group: ClientGroup | null;
  gender: Gender;
  birthDate: string;
  careProviderId: string | null;
  adults: Num;
  childrenAges: string;
  originMunicipalityCode: string | null;
  currentMunicipalityCode: string | null;
  networkPlaces: PlaceDraft[];
  avoidPlaces: PlaceDraft[];
  incomeSource: IncomeSource;
  monthlyNet: Num;
  debts: DebtStatus;
  budgetManagement: boolean;
  rentLimit: Num;
  needs: Need[];
  supportProviderId: string | null;
  supportIntensity: SupportIntensity;
  supportStart: string;
  supportMonths: Num;
  careSince: string;
  fundingFrame: FundingFrame;
  readyDate: string;
  /** New clients only: the readiness items ticked as done, and who confirms them. */
  readinessDone: string[];
  readinessBy: string;
  housingFirst: boolean;
  urgency: Urgency;
  prefMunicipalities: string[];
  prefNeighbourhoods: string[];
  prefKinds: UnitKind[];
  refusedKinds: UnitKind[];
  prefNote: string;
  consents: ConsentDraft[];
  vetoes: { corporationId: string | null; reason: string }[];
  notes: string;
}

const EMPTY: Draft = {
  id: '',
  name: '',
  group: null,
  gender: 'unknown',
  birthDate: '',
  careProviderId: null,
  adults: '1',
  childrenAges: '',
  originMunicipalityCode: null,
  currentMunicipalityCode: null,
  networkPlaces: [],
  avoidPlaces: [],
  incomeSource: 'benefit',
  monthlyNet: '',
  debts: 'none',
  budgetManagement: false,
  rentLimit: '',
  needs: [],
  supportProviderId: null,
  supportIntensity: 'medium',
  supportStart: '',
  supportMonths: '',
  careSince: '',
  fundingFrame: 'unknown',
  readyDate: '',
  housingFirst: false,
  urgency: 'none',
  prefMunicipalities: [],
  prefNeighbourhoods: [],
  prefKinds: [],
  refusedKinds: [],
  prefNote: '',
  consents: [],
  vetoes: [],
  notes: '',
  readinessDone: [],
  readinessBy: '',
};

function toDraft(c: ClientValue): Draft {
  return {
    id: c.id,
    name: c.name ?? '',
    group: c.group,
    gender: c.gender,
    birthDate: c.birthDate,
    careProviderId: c.careProviderId,
    adults: wholeText(c.household.adults),
    childrenAges: c.household.childrenAges.join('; '),
    originMunicipalityCode: c.originMunicipalityCode,
    currentMunicipalityCode: c.currentMunicipalityCode,
    networkPlaces: c.networkPlaces.map((p) => ({ category: p.kind, municipalityCode: p.municipalityCode, neighbourhoodCode: p.neighbourhoodCode, note: p.note })),
    avoidPlaces: c.avoidPlaces.map((p) => ({ category: p.reason, municipalityCode: p.municipalityCode, neighbourhoodCode: p.neighbourhoodCode, note: p.note })),
    incomeSource: c.income.source,
    monthlyNet: amountText(c.income.monthlyNet),
    debts: c.income.debts,
    budgetManagement: c.income.budgetManagement,
    rentLimit: amountText(c.rentLimit),
    needs: c.needs,
    supportProviderId: c.support.providerId,
    supportIntensity: c.support.intensity,
    supportStart: c.support.start ?? '',
    supportMonths: wholeText(c.support.months),
    careSince: c.careSince ?? '',
    fundingFrame: c.fundingFrame,
    readyDate: c.readyDate ?? '',
    housingFirst: c.housingFirst,
    urgency: c.urgency,
    prefMunicipalities: c.preferences.municipalityCodes,
    prefNeighbourhoods: c.preferences.neighbourhoodCodes,
    prefKinds: c.preferences.kinds,
    refusedKinds: c.preferences.refusedKinds,
    prefNote: c.preferences.note,
    consents: c.consents.map((k) => ({ ...k, date: k.date ?? '' })),
    vetoes: c.vetoes.map((v) => ({ corporationId: v.corporationId, reason: v.reason })),
    notes: c.notes,
    readinessDone: [],
    readinessBy: '',
  };
}

const REQUIRED = 'verplicht';

/** Builds the client from the draft and checks it locally; the same paths as the server's problems. */
function fromDraft(d: Draft, original: ClientValue | null): { client: ClientValue | null; problems: ApiProblem[] } {
  const problems: ApiProblem[] = [];
  const need = (path: string, value: unknown) => {
    if (value === null || value === '') problems.push({ path, message: REQUIRED });
  };
  need('id', d.id.trim());
  need('group', d.group);
  need('birthDate', d.birthDate.trim());
  need('careProviderId', d.careProviderId);
  need('originMunicipalityCode', d.originMunicipalityCode);
  need('currentMunicipalityCode', d.currentMunicipalityCode);
  need('support.providerId', d.supportProviderId);
  need('income.monthlyNet', d.monthlyNet.trim());
  d.networkPlaces.forEach((p, i) => need(`networkPlaces.${i}.municipalityCode`, p.municipalityCode));
  d.avoidPlaces.forEach((p, i) => need(`avoidPlaces.${i}.municipalityCode`, p.municipalityCode));
  d.vetoes.forEach((v, i) => need(`vetoes.${i}.corporationId`, v.corporationId));
  const date = (path: string, text: string) => {
    const problem = dateTextProblem(text);
    if (problem) problems.push({ path, message: problem });
  };
  if (!original && d.readinessDone.length > 0 && d.readinessBy.trim() === '')
    problems.push({ path: 'readiness.confirmedBy', message: 'vul in wie de aangevinkte voorwaarden bevestigt' });
  date('birthDate', d.birthDate);
  date('support.start', d.supportStart);
  date('careSince', d.careSince);
  date('readyDate', d.readyDate);
  d.consents.forEach((k, i) => date(`consents.${i}.date`, k.date));
  // What was typed, read as the import reads it; text that is no number is named ("'abc' is geen bedrag").
  const typed = (path: string, r: NumberText) => {
    if (r.ok) return r.value;
    problems.push({ path, message: r.message });
    return null;
  };
  const amount = (path: string, text: Num) => typed(path, parseAmountText(text));
  const whole = (path: string, text: Num, min: number, max: number) => typed(path, parseWholeText(text, min, max));
  // As in the import: ages separated by ';' (a comma or space is read the same way).
  const ages: number[] = [];
  for (const part of d.childrenAges.split(/[;,\s]+/).filter(Boolean)) {
    const age = typed('household.childrenAges', parseWholeText(part, 0, 26));
    if (age !== null) ages.push(age);
  }

  const candidate = {
    id: d.id.trim(),
    name: d.name.trim() === '' ? null : d.name.trim(),
    group: d.group,
    gender: d.gender,
    birthDate: d.birthDate.trim(),
    careProviderId: d.careProviderId ?? '',
    household: { adults: whole('household.adults', d.adults, 1, 6) ?? 1, childrenAges: ages },
    originMunicipalityCode: d.originMunicipalityCode ?? '',
    currentMunicipalityCode: d.currentMunicipalityCode ?? '',
    networkPlaces: d.networkPlaces.map((p) => ({ kind: p.category, municipalityCode: p.municipalityCode ?? '', neighbourhoodCode: p.neighbourhoodCode, note: p.note })),
    avoidPlaces: d.avoidPlaces.map((p) => ({ reason: p.category, municipalityCode: p.municipalityCode ?? '', neighbourhoodCode: p.neighbourhoodCode, note: p.note })),
    income: { source: d.incomeSource, monthlyNet: amount('income.monthlyNet', d.monthlyNet) ?? 0, debts: d.debts, budgetManagement: d.budgetManagement },
    rentLimit: amount('rentLimit', d.rentLimit),
    needs: d.needs,
    support: {
      providerId: d.supportProviderId ?? '',
      intensity: d.supportIntensity,
      start: dateOrNull(d.supportStart),
      months: whole('support.months', d.supportMonths, 0, 120),
    },
    careSince: dateOrNull(d.careSince),
    fundingFrame: d.fundingFrame,
    // Editing keeps the items as confirmed on the client's page; a new client gets the ones ticked here.
    readiness: original
      ? original.readiness
      : d.readinessDone.map((item) => ({ item, done: true, confirmedBy: d.readinessBy.trim(), confirmedAt: localToday() })),
    readyDate: dateOrNull(d.readyDate),
    housingFirst: d.housingFirst,
    urgency: d.urgency,
    preferences: {
      municipalityCodes: d.prefMunicipalities,
      neighbourhoodCodes: d.prefNeighbourhoods,
      kinds: d.prefKinds,
      refusedKinds: d.refusedKinds,
      note: d.prefNote,
    },
    consents: d.consents.map((k) => ({ ...k, date: dateOrNull(k.date) })),
    vetoes: d.vetoes.map((v) => ({ corporationId: v.corporationId ?? '', reason: v.reason.trim() })),
    status: original?.status ?? 'active',
    refusals: original?.refusals ?? 0,
    notes: d.notes,
  };
  const parsed = Client.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.path));
    for (const p of zodProblems(parsed.error)) if (!seen.has(p.path)) problems.push(p);
  }
  return { client: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}

/** Dutch names of the fields, for the summary of problems at the top. */
const FIELD_LABELS: Record<string, string> = {
  id: 'Code',
  name: 'Naam',
  group: 'Doelgroep',
  gender: 'Geslacht',
  birthDate: 'Geboortedatum',
  careProviderId: 'Zorgaanbieder',
  household: 'Huishouden',
  'household.adults': 'Volwassenen',
  'household.childrenAges': 'Leeftijden kinderen',
  originMunicipalityCode: 'Gemeente van herkomst',
  currentMunicipalityCode: 'Verblijft in',
  networkPlaces: 'Netwerk',
  avoidPlaces: 'Te vermijden gebieden',
  income: 'Inkomen',
  'income.monthlyNet': 'Netto per maand',
  rentLimit: 'Huurgrens',
  needs: 'Behoeften',
  support: 'Begeleiding',
  'support.providerId': 'Begeleiding: aanbieder',
  'support.start': 'Begeleiding: start',
  'support.months': 'Begeleiding: duur',
  careSince: 'In zorg/opvang sinds',
  fundingFrame: 'Wettelijk/financieel kader',
  readiness: 'Voorwaarden',
  'readiness.confirmedBy': 'Voorwaarden: bevestigd door',
  readyDate: 'Woonrijp sinds',
  urgency: 'Urgentie',
  preferences: 'Voorkeuren',
  consents: 'Toestemming',
  vetoes: "Veto's",
  notes: 'Notities',
};

/** Messages for a field and everything under it (e.g. a list's items). */
function errorAt(errors: FieldErrors, path: string): string | undefined {
  const own = Object.entries(errors)
    .filter(([p]) => p === path || p.startsWith(`${path}.`))
    .map(([, m]) => m);
  return own.length ? own.join('; ') : undefined;
}

export function ClientCreatePage() {
  const reference = useQuery('reference.get', {});
  return (
    <FormFrame title="Nieuwe kandidaat" back="/kandidaten" backLabel="Alle kandidaten" reference={reference}>
      {(ref) => <ClientForm reference={ref} original={null} version={null} onReload={() => undefined} />}
    </FormFrame>
  );
}

export function ClientEditPage() {
  const { id = '' } = useParams();
  const reference = useQuery('reference.get', {});
  const detail = useQuery('clients.get', { id });
  return (
    <FormFrame
      title={`Kandidaat ${id} bewerken`}
      back={`/kandidaten/${encodeURIComponent(id)}`}
      backLabel={`Terug naar ${id}`}
      reference={reference}
      extra={detail}
    >
      {(ref) =>
        detail.data ? (
          // Keyed by version: "Opnieuw laden" rebuilds the form from the latest record, nothing stale kept.
          <ClientForm key={detail.data.version} reference={ref} original={detail.data.client} version={detail.data.version} onReload={detail.refetch} />
        ) : (
          <PageSkeleton lines={12} />
        )
      }
    </FormFrame>
  );
}

interface Loadable {
  error: ApiCallError | null;
  refetch: () => void;
}

function FormFrame({
  title,
  back,
  backLabel,
  reference,
  extra,
  children,
}: {
  title: string;
  back: string;
  backLabel: string;
  reference: Loadable & { data: Reference | undefined };
  extra?: Loadable;
  children: (ref: Reference) => ReactNode;
}) {
  const error = reference.error ?? extra?.error ?? null;
  return (
    <Stack gap="md" data-testid="client-form-page">
      <BackLink to={back} label={backLabel} />
      <Title order={2} data-testid="client-form-title">
        {title}
      </Title>
      {error && <ErrorAlert error={error} onRetry={reference.error ? reference.refetch : extra?.refetch} />}
      {!reference.data && !error && <PageSkeleton lines={12} />}
      {reference.data && !error && children(reference.data)}
    </Stack>
  );
}

function ClientForm({
  reference,
  original,
  version,
  onReload,
}: {
  reference: Reference;
  original: ClientValue | null;
  /** The version the edit starts from (sent as expectedVersion); null for a new client. */
  version: number | null;
  onReload: () => void;
}) {
  const api = useApi();
  const stale = useStaleConflict(onReload);
  const navigate = useNavigate();
  const user = useSessionUser();
  // A provider worker records clients of their own care provider only (the backend refuses any other).
  const ownProvider = user.role === 'provider' ? user.careProviderId : null;
  const [draft, setDraft] = useState<Draft>(() =>
    original
      ? toDraft(original)
      : { ...EMPTY, readinessBy: user.displayName, ...(ownProvider ? { careProviderId: ownProvider, supportProviderId: ownProvider } : {}) },
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<(string | ProblemLine)[]>([]);
  const [saving, setSaving] = useState(false);
  const editing = original !== null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const err = (path: string) => errorAt(errors, path);

  const municipalities = reference.municipalities.map((m) => ({ value: m.code, label: m.name }));
  const municipalityName = new Map(reference.municipalities.map((m) => [m.code, m.name]));
  const neighbourhoodsIn = (code: string | null) =>
    reference.neighbourhoods.filter((n) => n.municipalityCode === code).map((n) => ({ value: n.code, label: n.name }));
  const allNeighbourhoods = reference.municipalities.map((m) => ({
    group: m.name,
    items: reference.neighbourhoods.filter((n) => n.municipalityCode === m.code).map((n) => ({ value: n.code, label: n.name })),
  }));
  const providers = reference.careProviders.map((p) => ({ value: p.id, label: p.name }));
  const corporations = reference.corporations.map((c) => ({ value: c.id, label: c.name }));
  const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

  const showProblems = (problems: ApiProblem[]) => {
    setErrors(toFieldErrors(problems));
    setSummary(problems.map((p) => ({ text: problemLine(p, FIELD_LABELS), path: p.path })));
    window.scrollTo({ top: 0 });
  };

  const save = async () => {
    const { client, problems } = fromDraft(draft, original);
    if (!client) {
      showProblems(problems);
      return;
    }
    setSaving(true);
    try {
      if (version !== null) await api.call('clients.update', { ...client, expectedVersion: version });
      else await api.call('clients.create', client);
      navigate(`/kandidaten/${encodeURIComponent(client.id)}`, { replace: true });
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

  const placeEditor = (key: 'networkPlaces' | 'avoidPlaces') => {
    const network = key === 'networkPlaces';
    const rows = draft[key];
    const update = (i: number, patch: Partial<PlaceDraft>) => set(key, rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    return (
      <Stack gap="xs" data-testid={`editor-${key}`}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {network ? 'Nog geen netwerk vastgelegd.' : 'Geen te vermijden gebieden.'}
          </Text>
        )}
        {rows.map((r, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              label={network ? 'Soort' : 'Reden'}
              data={network ? options(NETWORK_KINDS, NETWORK_KIND_LABELS) : options(AVOID_REASONS, AVOID_REASON_LABELS)}
              value={r.category}
              onChange={(v) => v && update(i, { category: v })}
              allowDeselect={false}
              w={190}
            />
            <Select
              label="Gemeente"
              data={municipalities}
              value={r.municipalityCode}
              onChange={(v) => update(i, { municipalityCode: v, neighbourhoodCode: null })}
              searchable
              w={170}
              withAsterisk
              id={fieldId(`${key}.${i}.municipalityCode`)} error={err(`${key}.${i}.municipalityCode`)}
              data-testid={`${key}-${i}-municipality`}
            />
            <Select
              label={network ? 'Buurt (optioneel)' : 'Buurt (leeg = hele gemeente)'}
              data={neighbourhoodsIn(r.municipalityCode)}
              value={r.neighbourhoodCode}
              onChange={(v) => update(i, { neighbourhoodCode: v })}
              searchable
              clearable
              disabled={!r.municipalityCode}
              w={220}
              id={fieldId(`${key}.${i}.neighbourhoodCode`)} error={err(`${key}.${i}.neighbourhoodCode`)}
            />
            <TextInput label="Toelichting" value={r.note} onChange={(e) => update(i, { note: e.currentTarget.value })} style={{ flex: 1 }} />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label="Verwijderen"
              title="Verwijderen"
              onClick={() => set(key, rows.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              set(key, [...rows, { category: network ? 'family' : 'perpetrator', municipalityCode: null, neighbourhoodCode: null, note: '' }])
            }
            data-testid={`add-${key}`}
          >
            {network ? 'Netwerkplek toevoegen' : 'Gebied toevoegen'}
          </Button>
        </Group>
      </Stack>
    );
  };

  const partyChoices = (party: ConsentParty) =>
    party === 'corporation' ? corporations : party === 'care-provider' ? providers : municipalities;

  return (
    <Stack gap="md" data-testid="client-form">
      <StaleAlert error={stale.error} onReload={stale.reload} />
      <FormProblems lines={summary} />

      <SectionCard title="Kandidaat">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label="Code (pseudoniem)"
            placeholder="bijv. K-0061"
            withAsterisk
            value={draft.id}
            onChange={(e) => set('id', e.currentTarget.value)}
            disabled={editing}
            id={fieldId('id')} error={err('id')}
            data-testid="field-id"
          />
          <TextInput
            label="Naam (optioneel, alleen met toestemming)"
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            id={fieldId('name')} error={err('name')}
            data-testid="field-name"
          />
          <Select
            label="Doelgroep"
            withAsterisk
            data={options(CLIENT_GROUPS, CLIENT_GROUP_LABELS)}
            value={draft.group}
            onChange={(v) => set('group', v as ClientGroup | null)}
            id={fieldId('group')} error={err('group')}
            data-testid="field-group"
          />
          <Select
            label="Geslacht"
            data={options(GENDERS, GENDER_LABELS)}
            value={draft.gender}
            onChange={(v) => v && set('gender', v as Gender)}
            allowDeselect={false}
            data-testid="field-gender"
          />
          <DateField
            label="Geboortedatum"
            withAsterisk
            value={draft.birthDate}
            onChange={(v) => set('birthDate', v)}
            id={fieldId('birthDate')} error={err('birthDate')}
            data-testid="field-birthDate"
          />
          <Select
            label="Zorgaanbieder"
            withAsterisk
            data={providers}
            value={draft.careProviderId}
            onChange={(v) => {
              set('careProviderId', v);
              if (!draft.supportProviderId) set('supportProviderId', v);
            }}
            disabled={ownProvider !== null}
            {...(ownProvider ? { description: 'Uw eigen zorgaanbieder' } : {})}
            id={fieldId('careProviderId')} error={err('careProviderId')}
            data-testid="field-careProviderId"
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Huishouden en herkomst">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label="Volwassenen"
            inputMode="numeric"
            value={draft.adults}
            onChange={(e) => set('adults', e.currentTarget.value)}
            id={fieldId('household.adults')} error={err('household.adults')}
            data-testid="field-adults"
          />
          <TextInput
            label="Leeftijden kinderen"
            description="Gescheiden door ; (bijv. 4; 7)"
            placeholder="4; 7"
            value={draft.childrenAges}
            onChange={(e) => set('childrenAges', e.currentTarget.value)}
            id={fieldId('household.childrenAges')} error={err('household.childrenAges')}
            data-testid="field-childrenAges"
          />
          <Select
            label="Gemeente van herkomst"
            withAsterisk
            data={municipalities}
            value={draft.originMunicipalityCode}
            onChange={(v) => set('originMunicipalityCode', v)}
            searchable
            id={fieldId('originMunicipalityCode')} error={err('originMunicipalityCode')}
            data-testid="field-originMunicipalityCode"
          />
          <Select
            label="Verblijft in"
            withAsterisk
            data={municipalities}
            value={draft.currentMunicipalityCode}
            onChange={(v) => set('currentMunicipalityCode', v)}
            searchable
            id={fieldId('currentMunicipalityCode')} error={err('currentMunicipalityCode')}
            data-testid="field-currentMunicipalityCode"
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Netwerk">{placeEditor('networkPlaces')}</SectionCard>
      <SectionCard title="Te vermijden gebieden">
        <Stack gap="xs">
          <AvoidPlacesNote withIcon={false} />
          {placeEditor('avoidPlaces')}
        </Stack>
      </SectionCard>

      <SectionCard title="Inkomen en huurgrens">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Select
            label="Bron van inkomen"
            data={options(INCOME_SOURCES, INCOME_SOURCE_LABELS)}
            value={draft.incomeSource}
            onChange={(v) => v && set('incomeSource', v as IncomeSource)}
            allowDeselect={false}
          />
          <TextInput
            label="Netto per maand (€)"
            withAsterisk
            inputMode="decimal"
            placeholder="bijv. 1180,50"
            value={draft.monthlyNet}
            onChange={(e) => set('monthlyNet', e.currentTarget.value)}
            id={fieldId('income.monthlyNet')} error={err('income.monthlyNet')}
            data-testid="field-monthlyNet"
          />
          <Select
            label="Schulden"
            data={options(DEBT_STATUSES, DEBT_STATUS_LABELS)}
            value={draft.debts}
            onChange={(v) => v && set('debts', v as DebtStatus)}
            allowDeselect={false}
          />
          <TextInput
            label="Huurgrens (€)"
            description="Leeg = volgens beleid (passend toewijzen)"
            inputMode="decimal"
            value={draft.rentLimit}
            onChange={(e) => set('rentLimit', e.currentTarget.value)}
            id={fieldId('rentLimit')} error={err('rentLimit')}
            data-testid="field-rentLimit"
          />
          <Checkbox
            label="Budgetbeheer of bewindvoering"
            checked={draft.budgetManagement}
            onChange={(e) => set('budgetManagement', e.currentTarget.checked)}
            mt={30}
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Behoeften en begeleiding">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <MultiSelect
            label="Behoeften"
            placeholder={draft.needs.length ? undefined : 'Geen'}
            data={options(NEEDS, NEED_LABELS)}
            value={draft.needs}
            onChange={(v) => set('needs', v as Need[])}
            clearable
          />
          <Select
            label="Begeleiding: aanbieder"
            withAsterisk
            data={providers}
            value={draft.supportProviderId}
            onChange={(v) => set('supportProviderId', v)}
            id={fieldId('support.providerId')} error={err('support.providerId')}
            data-testid="field-supportProviderId"
          />
          <Select
            label="Intensiteit"
            data={options(SUPPORT_INTENSITIES, SUPPORT_INTENSITY_LABELS)}
            value={draft.supportIntensity}
            onChange={(v) => v && set('supportIntensity', v as SupportIntensity)}
            allowDeselect={false}
          />
          <DateField
            label="Start begeleiding"
            value={draft.supportStart}
            onChange={(v) => set('supportStart', v)}
            id={fieldId('support.start')} error={err('support.start')}
            data-testid="field-supportStart"
          />
          <TextInput
            label="Toegezegde duur (maanden)"
            inputMode="numeric"
            value={draft.supportMonths}
            onChange={(e) => set('supportMonths', e.currentTarget.value)}
            id={fieldId('support.months')} error={err('support.months')}
            data-testid="field-supportMonths"
          />
          <DateField
            label="In zorg/opvang sinds"
            description="Leeg = onbekend"
            value={draft.careSince}
            onChange={(v) => set('careSince', v)}
            id={fieldId('careSince')} error={err('careSince')}
            data-testid="field-careSince"
          />
          <Select
            label="Wettelijk/financieel kader"
            description="Waaruit de zorg of opvang betaald wordt"
            data={options(FUNDING_FRAMES, FUNDING_FRAME_LABELS)}
            value={draft.fundingFrame}
            onChange={(v) => v && set('fundingFrame', v as FundingFrame)}
            allowDeselect={false}
            id={fieldId('fundingFrame')} error={err('fundingFrame')}
            data-testid="field-fundingFrame"
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Woonrijp en urgentie">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <DateField
            label="Woonrijp sinds"
            description="Leeg = nog niet"
            value={draft.readyDate}
            onChange={(v) => set('readyDate', v)}
            id={fieldId('readyDate')} error={err('readyDate')}
            data-testid="field-readyDate"
          />
          <Select
            label="Urgentie"
            data={options(URGENCY_LEVELS, URGENCY_LABELS)}
            value={draft.urgency}
            onChange={(v) => v && set('urgency', v as Urgency)}
            allowDeselect={false}
          />
          <Switch
            label="Housing First (voorwaarden gelden niet als toegangseis)"
            checked={draft.housingFirst}
            onChange={(e) => set('housingFirst', e.currentTarget.checked)}
            mt={30}
          />
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Voorwaarden duurzame uitstroom">
        {editing ? (
          <Text size="sm" c="dimmed">
            Voorwaarden bevestigt u op de pagina van de kandidaat, één voor één, met wie ze bevestigt.
          </Text>
        ) : (
          <Stack gap="sm">
            <Checkbox.Group
              label="Al vervuld"
              description="Vink aan wat nu al vaststaat; de rest bevestigt u later op de pagina van de kandidaat."
              value={draft.readinessDone}
              onChange={(v) => set('readinessDone', v)}
              error={
                Object.entries(errors)
                  .filter(([p]) => (p === 'readiness' || p.startsWith('readiness.')) && p !== 'readiness.confirmedBy')
                  .map(([, m]) => m)
                  .join('; ') || undefined
              }
              data-testid="field-readiness"
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
                {(reference.policy?.settings.readinessItems ?? []).map((r, i) => (
                  <Checkbox key={r.key} value={r.key} label={r.label} {...(i === 0 ? { id: fieldId('readiness') } : {})} data-testid={`new-readiness-${r.key}`} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <TextInput
              label="Bevestigd door"
              description="Naam en rol; de datum van vandaag wordt vastgelegd"
              value={draft.readinessBy}
              onChange={(e) => set('readinessBy', e.currentTarget.value)}
              withAsterisk={draft.readinessDone.length > 0}
              w={{ base: '100%', sm: 420 }}
              id={fieldId('readiness.confirmedBy')}
              error={err('readiness.confirmedBy')}
              data-testid="field-readinessBy"
            />
          </Stack>
        )}
      </SectionCard>

      <SectionCard title="Voorkeuren">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            label="Voorkeursgemeenten"
            data={municipalities}
            value={draft.prefMunicipalities}
            onChange={(v) => set('prefMunicipalities', v)}
            searchable
            clearable
            id={fieldId('preferences.municipalityCodes')} error={err('preferences.municipalityCodes')}
          />
          <MultiSelect
            label="Voorkeursbuurten"
            data={allNeighbourhoods}
            value={draft.prefNeighbourhoods}
            onChange={(v) => set('prefNeighbourhoods', v)}
            searchable
            clearable
            id={fieldId('preferences.neighbourhoodCodes')} error={err('preferences.neighbourhoodCodes')}
          />
          <MultiSelect
            label="Gewenste woningsoorten"
            data={options(UNIT_KINDS, UNIT_KIND_LABELS)}
            value={draft.prefKinds}
            onChange={(v) => set('prefKinds', v as UnitKind[])}
            clearable
          />
          <MultiSelect
            label="Weigert woningsoorten"
            data={options(UNIT_KINDS, UNIT_KIND_LABELS)}
            value={draft.refusedKinds}
            onChange={(v) => set('refusedKinds', v as UnitKind[])}
            clearable
          />
        </SimpleGrid>
        <Textarea label="Toelichting op de voorkeuren" mt="sm" autosize minRows={2} value={draft.prefNote} onChange={(e) => set('prefNote', e.currentTarget.value)} />
      </SectionCard>

      <SectionCard title="Toestemming per partij">
        <Stack gap="xs">
          {draft.consents.length === 0 && (
            <Text size="sm" c="dimmed">
              Nog geen toestemming of grondslag vastgelegd.
            </Text>
          )}
          {draft.consents.map((k, i) => {
            const update = (patch: Partial<ConsentDraft>) => set('consents', draft.consents.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <Select
                  label="Partij"
                  data={options(CONSENT_PARTIES, CONSENT_PARTY_LABELS)}
                  value={k.party}
                  onChange={(v) => v && update({ party: v as ConsentParty, partyId: null })}
                  allowDeselect={false}
                  w={170}
                />
                <Select
                  label="Welke (leeg = alle)"
                  data={partyChoices(k.party)}
                  value={k.partyId}
                  onChange={(v) => update({ partyId: v })}
                  clearable
                  searchable
                  w={230}
                  id={fieldId(`consents.${i}.partyId`)} error={err(`consents.${i}.partyId`)}
                  data-testid={`consents-${i}-partyId`}
                />
                <Select
                  label="Grondslag"
                  data={options(LEGAL_BASES, LEGAL_BASIS_LABELS)}
                  value={k.basis}
                  onChange={(v) => v && update({ basis: v as LegalBasis })}
                  allowDeselect={false}
                  w={160}
                />
                <Checkbox label="Gegeven" checked={k.given} onChange={(e) => update({ given: e.currentTarget.checked })} mt={32} />
                <DateField
                  label="Datum"
                  value={k.date}
                  onChange={(v) => update({ date: v })}
                  id={fieldId(`consents.${i}.date`)} error={err(`consents.${i}.date`)}
                  data-testid={`consents-${i}-date`}
                  w={160}
                />
                <ActionIcon variant="subtle" color="red" mt={26} aria-label="Verwijderen" title="Verwijderen" onClick={() => set('consents', draft.consents.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => set('consents', [...draft.consents, { party: 'corporation', partyId: null, basis: 'consent', given: true, date: '' }])}
            >
              Toestemming toevoegen
            </Button>
          </Group>
          <ConsentToday consents={draft.consents.map((k) => ({ ...k, date: dateOrNull(k.date) }))} name={(id) => [...corporations, ...providers, ...municipalities].find((o) => o.value === id)?.label} />
        </Stack>
      </SectionCard>

      <SectionCard title="Veto's van corporaties">
        <Stack gap="xs">
          {draft.vetoes.length === 0 && (
            <Text size="sm" c="dimmed">
              Geen veto's.
            </Text>
          )}
          {draft.vetoes.map((v, i) => {
            const update = (patch: Partial<Draft['vetoes'][number]>) => set('vetoes', draft.vetoes.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <Select
                  label="Corporatie"
                  data={corporations}
                  value={v.corporationId}
                  onChange={(c) => update({ corporationId: c })}
                  withAsterisk
                  w={260}
                  id={fieldId(`vetoes.${i}.corporationId`)} error={err(`vetoes.${i}.corporationId`)}
                />
                <TextInput
                  label="Reden"
                  withAsterisk
                  value={v.reason}
                  onChange={(e) => update({ reason: e.currentTarget.value })}
                  id={fieldId(`vetoes.${i}.reason`)} error={err(`vetoes.${i}.reason`)}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" color="red" mt={26} aria-label="Verwijderen" title="Verwijderen" onClick={() => set('vetoes', draft.vetoes.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set('vetoes', [...draft.vetoes, { corporationId: null, reason: '' }])}>
              Veto toevoegen
            </Button>
          </Group>
        </Stack>
      </SectionCard>

      <SectionCard title="Notities">
        <Textarea autosize minRows={3} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} id={fieldId('notes')} error={err('notes')} aria-label="Notities" />
      </SectionCard>

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Velden met * zijn verplicht. {draft.originMunicipalityCode ? `Herkomst: ${municipalityName.get(draft.originMunicipalityCode) ?? ''}.` : ''}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate(-1)}>
            Annuleren
          </Button>
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void save()} loading={saving} data-testid="client-save">
            {editing ? 'Wijzigingen opslaan' : 'Kandidaat opslaan'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
