// "Eerst proberen" on the policy form: runs the draft (policies.whatIf, a job that can be stopped) on a
// replay of the region's own last twelve months and on the newest open round, and shows the figures
// side by side with the policy in force. Saves nothing. Runs in the renderer.
import { Alert, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PolicyWhatIfOutput } from '../../../../shared/api/reference.contract';
import type { PolicySettings } from '../../../../shared/domain/policy';
import { formatNumber, formatPoints, formatSigned } from '../../../../shared/reports/format-nl';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { SectionCard } from '../../ui/detail-blocks.component';
import { formatDate } from '../../ui/format.util';

type Side = PolicyWhatIfOutput['inForce'];
const pct = (share: number | null) => (share === null ? '—' : `${formatNumber(share * 100, 1)} %`);
const days = (d: number | null) => (d === null ? '—' : `${formatNumber(d / 30.44, 1)} mnd`);

/** One row of the comparison: the policy in force, the draft, and the difference where it is a number. */
interface Row {
  label: string;
  key: string;
  inForce: string;
  draft: string;
  change?: string;
}

function rows(r: PolicyWhatIfOutput): Row[] {
  const a = r.inForce.replay;
  const b = r.draft.replay;
  const diff = (x: number, y: number, decimals = 0) => (x === y ? '' : formatSigned(y - x, decimals));
  const out: Row[] = [
    { key: 'placed', label: 'Plaatsingen', inForce: String(a.placed), draft: String(b.placed), change: diff(a.placed, b.placed) },
    { key: 'per-month', label: 'Plaatsingen per maand', inForce: a.placementsPerMonth.join(' · '), draft: b.placementsPerMonth.join(' · ') },
    { key: 'home', label: 'In gemeente van herkomst of netwerk', inForce: pct(a.homeOrNetworkShare), draft: pct(b.homeOrNetworkShare) },
    { key: 'wait', label: 'Wachttijd woonrijp tot plaatsing (mediaan)', inForce: days(a.waitMedianDays), draft: days(b.waitMedianDays) },
    { key: 'wait90', label: 'Wachttijd, 90 % binnen', inForce: days(a.waitP90Days), draft: days(b.waitP90Days) },
    { key: 'empty', label: 'Lege woningmaanden', inForce: String(a.emptyHomeMonths), draft: String(b.emptyHomeMonths), change: diff(a.emptyHomeMonths, b.emptyHomeMonths) },
    { key: 'waiting', label: 'Wachtend aan het eind', inForce: String(a.stillWaiting), draft: String(b.stillWaiting), change: diff(a.stillWaiting, b.stillWaiting) },
    { key: 'score', label: 'Totaalscore', inForce: formatPoints(a.totalScore), draft: formatPoints(b.totalScore), change: a.totalScore === b.totalScore ? '' : formatSigned(b.totalScore - a.totalScore, 1) },
  ];
  for (const e of a.exchangeBalances) {
    const other = b.exchangeBalances.find((x) => x.municipalityCode === e.municipalityCode);
    if (!other || (e.end === e.start && other.end === other.start)) continue;
    out.push({ key: `ex-${e.municipalityCode}`, label: `Uitwisselingsbalans ${e.name} (eind)`, inForce: formatSigned(e.end), draft: formatSigned(other.end) });
  }
  const quotaKeys = new Set([...a.quotaUse, ...b.quotaUse].filter((q) => q.agreed !== null).map((q) => `${q.corporationId}|${q.municipalityCode}|${q.year}`));
  for (const k of [...quotaKeys].sort()) {
    const x = a.quotaUse.find((q) => `${q.corporationId}|${q.municipalityCode}|${q.year}` === k);
    const y = b.quotaUse.find((q) => `${q.corporationId}|${q.municipalityCode}|${q.year}` === k);
    const q = (x ?? y)!;
    out.push({ key: `q-${k}`, label: `Afspraak ${q.corporationName} in ${q.municipalityName} ${q.year} (max. ${q.agreed})`, inForce: String(x?.placed ?? 0), draft: String(y?.placed ?? 0) });
  }
  return out;
}

/** "—" without planning, else the places kept in words ("Dronten-Centrum: 1 plek bewaard; …"). */
const heldText = (held: string[]) => (held.length ? held.map((h) => h.split(';')[0]).join('; ') : '—');

function roundRows(inForce: Side['round'], draft: Side['round']): Row[] {
  if (!inForce || !draft) return [];
  return [
    { key: 'r-placed', label: 'Geplaatst', inForce: `${inForce.placed} van ${inForce.candidates}`, draft: `${draft.placed} van ${draft.candidates}`, change: inForce.placed === draft.placed ? '' : formatSigned(draft.placed - inForce.placed) },
    { key: 'r-home', label: 'In gemeente van herkomst of netwerk', inForce: pct(inForce.figures.homeOrNetworkShare), draft: pct(draft.figures.homeOrNetworkShare) },
    { key: 'r-score', label: 'Totaalscore', inForce: formatPoints(inForce.totalScore), draft: formatPoints(draft.totalScore), change: inForce.totalScore === draft.totalScore ? '' : formatSigned(draft.totalScore - inForce.totalScore, 1) },
    { key: 'r-penalties', label: 'Strafpunten zachte grenzen', inForce: formatPoints(inForce.figures.penalties), draft: formatPoints(draft.figures.penalties) },
    { key: 'r-held', label: 'Bewaard voor volgende rondes', inForce: heldText(inForce.held), draft: heldText(draft.held) },
  ];
}

function CompareTable({ caption, list, testId }: { caption: string; list: Row[]; testId: string }) {
  return (
    <Table fz="sm" verticalSpacing={4} data-testid={testId}>
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Cijfer</Table.Th>
          <Table.Th ta="right">Geldend beleid</Table.Th>
          <Table.Th ta="right">Dit ontwerp</Table.Th>
          <Table.Th ta="right">Verschil</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((r) => (
          <Table.Tr key={r.key} data-testid={`${testId}-${r.key}`}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right">{r.inForce}</Table.Td>
            <Table.Td ta="right">{r.draft}</Table.Td>
            <Table.Td ta="right">{r.change ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function PolicyWhatIf({ settings, dirty }: { settings: PolicySettings; dirty: boolean }) {
  const api = useApi();
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<{ for: string; out: PolicyWhatIfOutput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(settings);
  const run = async () => {
    const id = crypto.randomUUID();
    setJobId(id);
    setError(null);
    try {
      const out = await api.call('policies.whatIf', { settings, jobId: id });
      setResult({ for: key, out });
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'CANCELLED') setError('Proefberekening gestopt.');
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setJobId(null);
    }
  };
  const r = result?.out;
  return (
    <SectionCard title="Eerst proberen" testId="policy-what-if">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Reken dit ontwerp door op de eigen afgelopen twaalf maanden van de regio (elke maand een ronde, met de kandidaten en woningen zoals ze toen
          woonrijp en vrij kwamen) en op de lopende ronde, naast het geldende beleid. Er wordt niets opgeslagen.
        </Text>
        <Group gap="sm">
          <Button onClick={run} loading={jobId !== null} variant={dirty ? 'filled' : 'light'} data-testid="policy-what-if-run">
            Proberen
          </Button>
          {jobId && (
            <Button variant="default" onClick={() => void api.call('jobs.cancel', { jobId })} data-testid="policy-what-if-stop">
              Stoppen
            </Button>
          )}
          {jobId && <Loader size="sm" aria-label="Bezig met doorrekenen" />}
        </Group>
        {error && (
          <Alert color={error.startsWith('Proefberekening gestopt') ? 'yellow' : 'red'} variant="light" data-testid="policy-what-if-error">
            {error}
          </Alert>
        )}
        {r && (
          <Stack gap="sm" data-testid="policy-what-if-result">
            {result.for !== key && (
              <Alert color="yellow" variant="light" data-testid="policy-what-if-stale">
                U heeft het ontwerp daarna gewijzigd: reken opnieuw door om de cijfers van deze instellingen te zien.
              </Alert>
            )}
            <Text size="sm" data-testid="policy-what-if-period">
              Twaalf maandelijkse rondes van {formatDate(r.startDate)} tot en met {formatDate(r.endDate)}: {r.clients} kandidaten en {r.units} woningen. Elk
              voorstel is in de proef volledig aanvaard.
            </Text>
            <CompareTable caption="Afgelopen twaalf maanden, opnieuw doorgerekend" list={rows(r)} testId="what-if-replay" />
            {r.roundId !== null && r.inForce.round && r.draft.round ? (
              <CompareTable caption={`Lopende ronde ${r.roundId}`} list={roundRows(r.inForce.round, r.draft.round)} testId="what-if-round" />
            ) : (
              <Text size="sm" c="dimmed">
                Er is geen lopende ronde om dit ontwerp op te proberen.
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </SectionCard>
  );
}
