// Beleid: the region's policy as a form (weights, round limits, rent limits, unit kinds per group,
// readiness conditions), saved only as a NEW version from a date; the version history, where any
// version can be viewed read-only. Runs in the renderer; data from `policies.list`/`policies.get`,
// writes via `policies.saveVersion`.
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
  Alert,
} from '@mantine/core';
import { IconHistory, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PolicyVersion } from '../../../../shared/api/reference.contract';
import { CLIENT_GROUPS, CLIENT_GROUP_LABELS, UNIT_KINDS, UNIT_KIND_LABELS } from '../../../../shared/domain/codes';
import { type PolicySettings, readinessKeyFor } from '../../../../shared/domain/policy';
import { useQuery } from '../../api/use-query.hook';
import { DateField } from '../../ui/date-field.component';
import { dateTextProblem } from '../../ui/date-text.util';
import { SectionCard } from '../../ui/detail-blocks.component';
import { formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { FormError, ReferenceHeader, useMutation } from '../reference/reference-ui.component';
import { PolicyWhatIf } from './policy-what-if.component';

type Weights = PolicySettings['weights'];
type Mode = PolicySettings['quotaMode'];

const WEIGHTS: { key: keyof Weights; label: string; help: string }[] = [
  { key: 'placement', label: 'Plaatsing', help: 'Waarde van elke plaatsing: de ronde plaatst zoveel kandidaten als de regels toestaan.' },
  { key: 'homeMunicipality', label: 'Gemeente van herkomst', help: 'Terug naar de gemeente van herkomst (of waar het netwerk woont, bij afwijking om die reden).' },
  { key: 'network', label: 'Netwerk', help: 'Dicht bij familie, vrienden, dagbesteding of werk: heel in dezelfde buurt, half in dezelfde gemeente.' },
  { key: 'waitingPerMonth', label: 'Wachttijd per maand', help: 'Punten per maand sinds de kandidaat woonrijp is.' },
  { key: 'waitingMaxMonths', label: 'Wachttijd telt tot (maanden)', help: 'Na zoveel maanden groeit de wachttijdscore niet verder.' },
  { key: 'urgencyHigh', label: 'Urgent', help: 'Extra punten voor een kandidaat met urgentie.' },
  { key: 'urgencyCrisis', label: 'Crisis', help: 'Extra punten voor een kandidaat in crisis.' },
  { key: 'preferredMunicipality', label: 'Voorkeursgemeente', help: 'De woning ligt in een gemeente die de kandidaat noemt.' },
  { key: 'preferredNeighbourhood', label: 'Voorkeursbuurt', help: 'De woning ligt in een buurt die de kandidaat noemt.' },
  { key: 'preferredKind', label: 'Voorkeur woningsoort', help: 'De woning is van een soort die de kandidaat graag wil.' },
  { key: 'stayInPlace', label: 'Blijven wonen (omklap)', help: 'De kandidaat woont al in de omklapwoning; het contract gaat naar eigen naam.' },
  { key: 'neighbourhoodLoad', label: 'Buurtbelasting', help: 'Aftrek naar de belasting van de buurt: sociale huur, Leefbaarometer en recente plaatsingen.' },
];

const clone = (s: PolicySettings): PolicySettings => JSON.parse(JSON.stringify(s)) as PolicySettings;
const num = (v: number | string): number => (typeof v === 'number' ? v : v === '' ? Number.NaN : Number(v.replace(',', '.')));

/** #/instellingen/beleid (edit the current version, or ?basis=<id>) and #/instellingen/beleid/<id> (read-only). */
export function PolicyPage() {
  const { id: viewId } = useParams();
  const [params] = useSearchParams();
  const versions = useQuery('policies.list', {});
  const current = versions.data?.find((v) => v.current);
  const shownId = viewId ?? params.get('basis') ?? current?.id;
  const [notice, setNotice] = useState<string | null>(null);
  // The newest revision of the policy this page has seen: a save sends it, so a version saved by
  // someone else in the meantime is refused (STALE) instead of silently undone.
  const latest = versions.data ? Math.max(0, ...versions.data.map((v) => v.version)) : undefined;

  return (
    <Stack gap="md" data-testid="policy-page">
      <ReferenceHeader
        title="Beleid"
        intro="De regels waarmee de ronde voorstellen maakt. Een wijziging wordt altijd een nieuwe versie met een ingangsdatum; eerdere versies blijven bewaard, want elke ronde legt vast met welke versie zij is gemaakt."
      />
      {versions.error && <ErrorAlert error={versions.error} onRetry={versions.refetch} />}
      {!versions.data && !versions.error && <PageSkeleton lines={10} />}
      {versions.data && versions.data.length === 0 && <Alert color="yellow">Er is nog geen beleid; importeer eerst een regio.</Alert>}
      {notice && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setNotice(null)} data-testid="policy-saved">
          {notice}
        </Alert>
      )}
      {shownId && latest !== undefined && (
        <PolicyVersionView
          // Rebuilt when the history changes (own save, "Opnieuw laden"): nothing stale kept.
          key={`${shownId}:${viewId ? 'view' : 'edit'}:${latest}`}
          id={shownId}
          readOnly={viewId !== undefined}
          expectedVersion={latest}
          onSaved={(text) => {
            setNotice(text);
            versions.refetch();
          }}
          onReload={versions.refetch}
        />
      )}
      {versions.data && versions.data.length > 0 && (
        <SectionCard title="Versiegeschiedenis" icon={<IconHistory size={20} />} testId="policy-history">
          <Table striped fz="sm" data-testid="policy-history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Naam</Table.Th>
                <Table.Th>Geldig vanaf</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.map((v) => (
                <Table.Tr key={v.id} data-testid={`policy-version-${v.id}`}>
                  <Table.Td fw={600}>{v.name}</Table.Td>
                  <Table.Td>{formatDate(v.validFrom)}</Table.Td>
                  <Table.Td>
                    {v.current ? (
                      <Badge color="teal" variant="filled" size="sm" data-testid="current-badge">
                        huidig
                      </Badge>
                    ) : v.future ? (
                      <Badge color="blue" variant="light" size="sm">
                        toekomstig
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light" size="sm">
                        eerder
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {v.id}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Anchor component={Link} to={`/instellingen/beleid/${encodeURIComponent(v.id)}`} size="sm" data-testid={`view-${v.id}`}>
                      Bekijken
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SectionCard>
      )}
    </Stack>
  );
}

interface PolicyViewProps {
  readOnly: boolean;
  expectedVersion: number;
  onSaved: (notice: string) => void;
  onReload: () => void;
}

function PolicyVersionView({ id, ...props }: PolicyViewProps & { id: string }) {
  const version = useQuery('policies.get', { id });
  if (version.error) return <ErrorAlert error={version.error} onRetry={version.refetch} />;
  if (!version.data) return <PageSkeleton lines={8} />;
  return <PolicyForm version={version.data} {...props} />;
}

function PolicyForm({ version, readOnly, expectedVersion, onSaved, onReload }: PolicyViewProps & { version: PolicyVersion }) {
  const navigate = useNavigate();
  const [s, setS] = useState<PolicySettings>(() => clone(version.settings));
  const [name, setName] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const save = useMutation('policies.saveVersion');
  useEffect(() => setS(clone(version.settings)), [version]);

  const update = (f: (d: PolicySettings) => void) =>
    setS((prev) => {
      const next = clone(prev);
      f(next);
      return next;
    });
  const err = (path: string) => save.fieldError(`settings.${path}`);
  const dirty = JSON.stringify(s) !== JSON.stringify(version.settings);
  // The conditions this version starts from: their codes are fixed (clients' ticks point at them).
  const basisKeys = new Set(version.settings.readinessItems.map((i) => i.key));

  const submit = async () => {
    if (dateTextProblem(validFrom)) return; // shown at the field
    const out = await save.run({ name, validFrom, settings: s, basedOn: version.id, expectedVersion });
    if (out) {
      onSaved(
        `Opgeslagen als nieuwe versie: ${out.name}, geldig vanaf ${formatDate(out.validFrom)}${out.current ? ' (nu de huidige versie)' : out.future ? ' (geldt vanaf die datum)' : ''}.`,
      );
      navigate('/instellingen/beleid', { replace: true });
    }
  };

  const numberField = (label: string, path: string, value: number, set: (v: number) => void, extra: { help?: string; min?: number; decimals?: boolean; prefix?: string } = {}) => (
    <NumberInput
      label={label}
      description={extra.help}
      value={Number.isNaN(value) ? '' : value}
      onChange={(v) => set(num(v))}
      error={err(path)}
      readOnly={readOnly}
      variant={readOnly ? 'filled' : 'default'}
      allowDecimal={extra.decimals ?? false}
      {...(extra.prefix ? { decimalScale: 2, fixedDecimalScale: true } : {})}
      decimalSeparator=","
      thousandSeparator="."
      prefix={extra.prefix}
      data-testid={`policy-${path}`}
    />
  );

  const modeField = (label: string, path: string, mode: Mode, set: (m: Mode) => void) => (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={mode.hard ? 'hard' : 'soft'}
          onChange={(v) => set({ ...mode, hard: v === 'hard' })}
          data={[
            { value: 'hard', label: 'Hard' },
            { value: 'soft', label: 'Zacht' },
          ]}
          disabled={readOnly}
          data-testid={`policy-${path}-hard`}
        />
        {!mode.hard && (
          <NumberInput
            size="xs"
            w={150}
            aria-label={`${label}: boete`}
            placeholder="boete"
            leftSection={<Text size="xs">boete</Text>}
            leftSectionWidth={44}
            value={mode.penalty}
            onChange={(v) => set({ ...mode, penalty: num(v) })}
            error={err(`${path}.penalty`)}
            readOnly={readOnly}
            allowDecimal
            decimalSeparator=","
          />
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {mode.hard ? 'Hard: de ronde gaat er nooit overheen.' : 'Zacht: mag erover, met deze boete per plaatsing te veel.'}
      </Text>
    </Stack>
  );

  return (
    <Stack gap="md" data-testid="policy-form">
      {readOnly ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="policy-readonly">
          <Group justify="space-between">
            <Text size="sm">
              <b>{version.name}</b>, geldig vanaf {formatDate(version.validFrom)}
              {version.current ? ' (huidige versie)' : ''}. Vastgelegde versies worden nooit gewijzigd.
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" component={Link} to={`/instellingen/beleid?basis=${encodeURIComponent(version.id)}`}>
                Als basis voor een nieuwe versie
              </Button>
              <Button size="xs" variant="default" component={Link} to="/instellingen/beleid">
                Naar de huidige versie
              </Button>
            </Group>
          </Group>
        </Alert>
      ) : (
        <Text size="sm" data-testid="policy-basis">
          Uitgangspunt: <b>{version.name}</b>, geldig vanaf {formatDate(version.validFrom)}
          {version.current ? ' (huidige versie)' : ''}.
        </Text>
      )}

      <SectionCard title="Gewichten" testId="policy-weights">
        <Text size="sm" c="dimmed" mb="sm">
          Punten voor een voorstel: hoe hoger, hoe zwaarder het telt. Elke term staat in de toelichting bij het voorstel.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
          {WEIGHTS.map((w) =>
            numberField(w.label, `weights.${w.key}`, s.weights[w.key], (v) => update((d) => (d.weights[w.key] = v)), { help: w.help, decimals: true }),
          )}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Rondegrenzen" testId="policy-limits">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
          {numberField('Periode voor de buurt- en complexgrens (maanden)', 'caps.periodMonths', s.caps.periodMonths, (v) => update((d) => (d.caps.periodMonths = v)), {
            help: 'Plaatsingen in deze periode tellen mee, ook die van eerdere rondes.',
          })}
          <div />
          {numberField('Per buurt per periode', 'caps.perNeighbourhood', s.caps.perNeighbourhood, (v) => update((d) => (d.caps.perNeighbourhood = v)), {
            help: 'Hoogstens zoveel plaatsingen in één buurt.',
          })}
          {modeField('Buurtgrens', 'caps.perNeighbourhoodMode', s.caps.perNeighbourhoodMode, (m) => update((d) => (d.caps.perNeighbourhoodMode = m)))}
          {numberField('Per complex per periode', 'caps.perComplex', s.caps.perComplex, (v) => update((d) => (d.caps.perComplex = v)), {
            help: 'Hoogstens zoveel plaatsingen in één complex of portiek.',
          })}
          {modeField('Complexgrens', 'caps.perComplexMode', s.caps.perComplexMode, (m) => update((d) => (d.caps.perComplexMode = m)))}
          {numberField('Uitwisselingsband', 'exchange.band', s.exchange.band, (v) => update((d) => (d.exchange.band = v)), {
            help: 'Hoe ver de uitwisselingsbalans van een gemeente (eigen kandidaten elders min ontvangen) mag afwijken.',
          })}
          {modeField('Uitwisselingsbalans', 'exchange.mode', s.exchange.mode, (m) => update((d) => (d.exchange.mode = m)))}
          {numberField('Skaeve Huse: clustergrootte', 'skaeveHuse.maxClusterSize', s.skaeveHuse.maxClusterSize, (v) => update((d) => (d.skaeveHuse.maxClusterSize = v)), {
            help: 'Hoogstens zoveel Skaeve Huse-woningen bij elkaar.',
          })}
          {modeField('Skaeve Huse-cluster', 'skaeveHuse.mode', s.skaeveHuse.mode, (m) => update((d) => (d.skaeveHuse.mode = m)))}
          <div />
          {modeField('Afspraken (quota per corporatie en gemeente)', 'quotaMode', s.quotaMode, (m) => update((d) => (d.quotaMode = m)))}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Huurgrenzen" testId="policy-rent">
        <Text size="sm" c="dimmed" mb="sm">
          De hoogste kale huur per maand die bij een kandidaat past (passend toewijzen), tenzij de kandidaat een eigen grens heeft.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {numberField('1–2 personen', 'rentLimits.small', s.rentLimits.small, (v) => update((d) => (d.rentLimits.small = v)), { decimals: true, prefix: '€ ' })}
          {numberField('3 of meer personen', 'rentLimits.large', s.rentLimits.large, (v) => update((d) => (d.rentLimits.large = v)), { decimals: true, prefix: '€ ' })}
          {numberField('Jonger dan 23', 'rentLimits.under23', s.rentLimits.under23, (v) => update((d) => (d.rentLimits.under23 = v)), { decimals: true, prefix: '€ ' })}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Plannen over rondes" testId="policy-planning">
        <Text size="sm" c="dimmed" mb="sm">
          Een plek onder een buurt- of complexgrens die nu wordt gebruikt, is later in de periode niet meer vrij. Het voorstel kan zulke plekken bewaren voor
          een naar verwachting betere match in een volgende ronde; het zegt dan welke plek het bewaarde en waarom. Een lege woning kost ook iets (huurderving).
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {numberField('Bewaren voor later (0 tot 1)', 'planning.hold', s.planning.hold, (v) => update((d) => (d.planning.hold = v)), {
            help: '0: elke ronde gebruikt de ruimte die er is (zoals zonder planning). 1: een plek telt voor haar volle verwachte waarde in de rondes die nog komen.',
            decimals: true,
          })}
          {numberField('Kosten lege woning per maand (punten)', 'planning.emptyHomeMonthCost', s.planning.emptyHomeMonthCost, (v) => update((d) => (d.planning.emptyHomeMonthCost = v)), {
            help: 'Wat een woning die een maand leeg blijft kost, in scorepunten: zo is bewaren nooit gratis.',
            decimals: true,
          })}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Rapportages" testId="policy-reports">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {numberField('Drempel kleine aantallen', 'reports.smallNumbers', s.reports.smallNumbers, (v) => update((d) => (d.reports.smallNumbers = v)), {
            help: 'Aantallen kleiner dan dit getal worden in de monitor en in exports verborgen ("< 5"), zodat niemand een cliënt herkent.',
          })}
          {numberField('Doel woonrijp tot sleutel (maanden)', 'reports.handoverTargetMonths', s.reports.handoverTargetMonths, (v) => update((d) => (d.reports.handoverTargetMonths = v)), {
            help: 'De monitor toont welk deel van de kandidaten binnen deze tijd na woonrijp de sleutel kreeg.',
          })}
        </SimpleGrid>
      </SectionCard>

      <SectionCard title="Woningsoorten per doelgroep" testId="policy-kinds">
        <Table.ScrollContainer minWidth={800} type="native">
          <Table fz="sm" withTableBorder data-testid="policy-kinds-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Doelgroep</Table.Th>
                {UNIT_KINDS.map((k) => (
                  <Table.Th key={k} ta="center" style={{ fontSize: 12 }}>
                    {UNIT_KIND_LABELS[k]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {CLIENT_GROUPS.map((g) => (
                <Table.Tr key={g}>
                  <Table.Td fw={500}>
                    {CLIENT_GROUP_LABELS[g]}
                    {err(`kindsByGroup.${g}`) && (
                      <Text size="xs" c="red">
                        {err(`kindsByGroup.${g}`)}
                      </Text>
                    )}
                  </Table.Td>
                  {UNIT_KINDS.map((k) => (
                    <Table.Td key={k} ta="center">
                      <Checkbox
                        aria-label={`${CLIENT_GROUP_LABELS[g]}: ${UNIT_KIND_LABELS[k]}`}
                        checked={s.kindsByGroup[g].includes(k)}
                        disabled={readOnly}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          update((d) => {
                            d.kindsByGroup[g] = UNIT_KINDS.filter((x) => (x === k ? on : d.kindsByGroup[g].includes(x)));
                          });
                        }}
                        style={{ display: 'inline-block' }}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </SectionCard>

      <SectionCard title="Voorwaarden duurzame uitstroom" testId="policy-readiness">
        <Text size="sm" c="dimmed" mb="sm">
          Een kandidaat doet pas mee als alle voorwaarden zijn afgevinkt (Housing First uitgezonderd). De omschrijving staat zo op de kandidaatkaart. Elke voorwaarde heeft een vaste code die de vinkjes van kandidaten eraan koppelt; een nieuwe voorwaarde krijgt die code vanzelf.
        </Text>
        <Table fz="sm" verticalSpacing={4} data-testid="policy-readiness-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>Nr.</Table.Th>
              <Table.Th>Voorwaarde</Table.Th>
              <Table.Th w={220}>Code (vast)</Table.Th>
              {!readOnly && (
                <Table.Th w={48}>
                  <VisuallyHidden>Verwijderen</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.readinessItems.map((item, i) => {
              const isNew = !basisKeys.has(item.key);
              return (
                <Table.Tr key={i} data-testid={`readiness-item-${i}`}>
                  <Table.Td c="dimmed">{i + 1}.</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Voorwaarde ${i + 1}`}
                      placeholder="bijvoorbeeld Schulden onder beheer"
                      value={item.label}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        update((d) => {
                          const it = d.readinessItems[i];
                          if (!it) return;
                          it.label = v;
                          // A new condition's code follows its label until it is saved; an existing one never changes.
                          if (isNew) {
                            const taken = new Set([...basisKeys, ...d.readinessItems.filter((_, j) => j !== i).map((x) => x.key)]);
                            it.key = readinessKeyFor(v, taken);
                          }
                        });
                      }}
                      error={err(`readinessItems.${i}.label`)}
                      readOnly={readOnly}
                      data-testid={`readiness-label-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" ff="monospace" data-testid={`readiness-key-${i}`}>
                      {item.key || '—'}
                    </Text>
                    {isNew && !readOnly && (
                      <Text size="xs" c="dimmed">
                        nieuw: volgt de omschrijving
                      </Text>
                    )}
                    {err(`readinessItems.${i}.key`) && (
                      <Text size="xs" c="red">
                        {err(`readinessItems.${i}.key`)}
                      </Text>
                    )}
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Voorwaarde ${i + 1} verwijderen${item.label ? `: ${item.label}` : ''}`}
                        onClick={() => update((d) => void d.readinessItems.splice(i, 1))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {!readOnly && (
          <Group mt="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                update((d) => void d.readinessItems.push({ key: readinessKeyFor('', new Set([...basisKeys, ...d.readinessItems.map((x) => x.key)])), label: '' }))
              }
              data-testid="add-readiness-item"
            >
              Voorwaarde toevoegen
            </Button>
          </Group>
        )}
      </SectionCard>

      {!readOnly && (
        <PolicyWhatIf settings={s} dirty={dirty} />
      )}
      {!readOnly && (
        <SectionCard title="Opslaan als nieuwe versie" testId="policy-save">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {dirty ? 'U heeft wijzigingen. ' : 'Nog niets gewijzigd. '}
              De nieuwe versie geldt vanaf de gekozen datum; tot dan blijft de huidige versie van kracht. Per datum kan er één versie zijn.
            </Text>
            <Group align="flex-start" gap="md">
              <TextInput
                label="Naam van de versie"
                placeholder="bijvoorbeeld Regionaal beleid 2027"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={save.fieldError('name')}
                w={340}
                data-testid="policy-name"
              />
              <DateField
                label="Geldig vanaf"
                value={validFrom}
                onChange={setValidFrom}
                error={save.fieldError('validFrom')}
                w={200}
                data-testid="policy-validFrom"
              />
              <Button mt={25} onClick={submit} loading={save.busy} data-testid="policy-save-button">
                Opslaan als nieuwe versie
              </Button>
            </Group>
            <FormError
              error={save.error}
              fields={save.error?.problems.map((p) => p.path) ?? []}
              onReload={() => {
                save.reset();
                onReload();
              }}
            />
          </Stack>
        </SectionCard>
      )}
    </Stack>
  );
}
