// Importeren (#/importeren?soort=kandidaten|woningen): download a template, pick a CSV or Excel file,
// see every row as new/changed/unchanged, every error (row, column, reason) and every warning before
// anything is written, then import all or nothing. Also the whole-region export (dataset JSON). Runs in the renderer.
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconInfoCircle, IconDatabaseExport, IconFileSpreadsheet, IconFileText, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ImportPreview, ImportResult, ImportRowStatus } from '../../../../shared/api/import.contract';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { ErrorAlert } from '../../ui/query-state.component';
import { downloadBase64, downloadJson, readAsBase64 } from './download.util';
import { errorCount, errorTitle, warningTitle } from './import-errors.util';
import { fileSizeMessage } from '../../../../shared/import/file-limits';
import { plural } from '../../../../shared/reports/format-nl';

type Kind = 'clients' | 'units';
const KIND_BY_PARAM: Record<string, Kind> = { kandidaten: 'clients', woningen: 'units' };
const PARAM_BY_KIND: Record<Kind, string> = { clients: 'kandidaten', units: 'woningen' };
const STATUS: Record<ImportRowStatus, { label: string; color: string }> = {
  new: { label: 'nieuw', color: 'green' },
  changed: { label: 'gewijzigd', color: 'blue' },
  unchanged: { label: 'ongewijzigd', color: 'gray' },
  error: { label: 'fout', color: 'red' },
};
/** Rows shown in the preview table; the counts always cover the whole file. */
const MAX_ROWS = 500;

interface Picked {
  fileName: string;
  contentBase64: string;
}

export function ImportPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const kind: Kind = KIND_BY_PARAM[params.get('soort') ?? ''] ?? 'clients';
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | 'download' | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const reset = () => {
    setPicked(null);
    setPreview(null);
    setError(null);
    setInputKey((k) => k + 1);
  };
  const toApiError = (e: unknown) => (e instanceof ApiCallError ? e : new ApiCallError('INTERNAL', e instanceof Error ? e.message : String(e)));

  const setKind = (k: string) => {
    reset();
    setResult(null);
    setParams({ soort: k }, { replace: true });
  };

  const check = async (file: Picked, forKind: Kind) => {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await api.call('import.preview', { kind: forKind, ...file }));
    } catch (e) {
      setPreview(null);
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    setResult(null);
    if (!file) return;
    // Too large to import: say so at once, without reading or sending the file.
    const tooLarge = fileSizeMessage(file.name, file.size);
    if (tooLarge) {
      reset();
      setError(new ApiCallError('VALIDATION', tooLarge));
      return;
    }
    try {
      const p = { fileName: file.name, contentBase64: await readAsBase64(file) };
      setPicked(p);
      await check(p, kind);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const commit = async () => {
    if (!picked) return;
    setBusy('commit');
    setError(null);
    try {
      const r = await api.call('import.commit', { kind, ...picked });
      setResult(r);
      reset();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const download = async (what: 'xlsx' | 'csv' | 'json') => {
    setBusy('download');
    setError(null);
    try {
      if (what === 'json') {
        const dataset = await api.call('dataset.export', {});
        const slug = dataset.region.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        downloadJson(`regio-${slug}-${dataset.region.referenceDate}.json`, dataset);
      } else {
        const t = await api.call('import.template', { kind, format: what });
        downloadBase64(t.fileName, t.contentBase64);
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const label = kind === 'clients' ? 'kandidaten' : 'woningen';
  const errors = preview?.problems ?? [];
  const warnings = preview?.warnings ?? [];
  const canImport = preview !== null && errors.length === 0 && busy === null;

  return (
    <Stack gap="md" maw={1100} data-testid="import-page">
      <Stack gap={2}>
        <Title order={2}>Importeren</Title>
        <Text c="dimmed" size="sm">
          Kandidaten of woningen toevoegen en bijwerken vanuit Excel of CSV. U ziet eerst wat er verandert en elke fout; er wordt
          pas iets opgeslagen als het hele bestand klopt.
        </Text>
      </Stack>

      <SegmentedControl
        value={PARAM_BY_KIND[kind]}
        onChange={setKind}
        data={[
          { value: 'kandidaten', label: 'Kandidaten' },
          { value: 'woningen', label: 'Woningen' },
        ]}
        w={320}
        data-testid="import-kind"
      />

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text fw={600}>1. Sjabloon</Text>
          <Text size="sm" c="dimmed">
            Het sjabloon heeft de kolommen voor {label}
            {kind === 'clients' ? ', met een kolom per voorwaarde uit het huidige beleid' : ''}. In Excel legt het tabblad
            “Toelichting” elke kolom en de schrijfwijze uit. Een export van de lijst heeft dezelfde kolommen en kan na bewerken weer
            worden geïmporteerd.
          </Text>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              onClick={() => void download('xlsx')}
              disabled={busy !== null}
              data-testid="import-template-xlsx"
            >
              Sjabloon Excel
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileText size={16} />}
              onClick={() => void download('csv')}
              disabled={busy !== null}
              data-testid="import-template-csv"
            >
              Sjabloon CSV
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text fw={600}>2. Bestand controleren</Text>
          <Group gap="sm">
            {/* The native input stays hidden (its button speaks the browser's language); ours is Dutch. */}
            <input
              key={inputKey}
              ref={fileInput}
              type="file"
              hidden
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void onFile(e)}
              aria-label={`Bestand met ${label} kiezen`}
              data-testid="import-file"
            />
            <Button leftSection={<IconFileUpload size={16} />} onClick={() => fileInput.current?.click()} disabled={busy !== null} data-testid="import-pick">
              Bestand kiezen (.xlsx of .csv)
            </Button>
            <Text size="sm" c={picked ? undefined : 'dimmed'} data-testid="import-file-name">
              {picked ? picked.fileName : 'Nog geen bestand gekozen'}
            </Text>
            {picked && (
              <Button variant="subtle" size="xs" onClick={() => void check(picked, kind)} disabled={busy !== null} data-testid="import-recheck">
                Opnieuw controleren
              </Button>
            )}
            {busy === 'preview' && <Text size="sm">Controleren…</Text>}
          </Group>

          {preview && (
            <Group gap="xs" data-testid="import-counts">
              <Text size="sm" fw={500}>
                {preview.fileName}:
              </Text>
              {(['new', 'changed', 'unchanged'] as const).map((s) => (
                <Badge key={s} color={STATUS[s].color} variant={preview.counts[s] ? 'filled' : 'light'} data-testid={`import-count-${s}`}>
                  {preview.counts[s]} {STATUS[s].label}
                </Badge>
              ))}
              {/* The same count as the alert's title below: the problems, not the rows that have one. */}
              <Badge color={STATUS.error.color} variant={errors.length ? 'filled' : 'light'} data-testid="import-count-error">
                {errorCount(errors)}
              </Badge>
            </Group>
          )}

          {errors.length > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={errorTitle(errors)} data-testid="import-errors">
              <Text size="sm" mb="xs">
                Verbeter het bestand en kies het opnieuw.
              </Text>
              <Table fz={12} verticalSpacing={4} withTableBorder data-testid="import-problems">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Rij</Table.Th>
                    <Table.Th w={220}>Kolom</Table.Th>
                    <Table.Th>Reden</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {errors.slice(0, MAX_ROWS).map((p, i) => (
                    <Table.Tr key={i} data-testid="import-problem">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {p.row ?? '—'}
                        {p.code ? ` (${p.code})` : ''}
                      </Table.Td>
                      <Table.Td>{p.column ?? '—'}</Table.Td>
                      <Table.Td>{p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {errors.length > MAX_ROWS && <Text size="sm">… en nog {plural(errors.length - MAX_ROWS, 'fout', 'fouten')}.</Text>}
            </Alert>
          )}

          {preview && warnings.length > 0 && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={20} />} title={warningTitle(warnings, preview.fileName)} data-testid="import-warnings">
              <Text size="sm" mb="xs">
                Dit mag, maar is waarschijnlijk niet bedoeld. Controleer het bestand; verbeteren kan ook na het importeren.
              </Text>
              <Table fz={12} verticalSpacing={4} withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Rij</Table.Th>
                    <Table.Th w={220}>Kolom</Table.Th>
                    <Table.Th>Let op</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {warnings.slice(0, MAX_ROWS).map((w, i) => (
                    <Table.Tr key={i} data-testid="import-warning">
                      <Table.Td>{w.row ?? '—'}</Table.Td>
                      <Table.Td>{w.column ?? '—'}</Table.Td>
                      <Table.Td>{w.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {warnings.length > MAX_ROWS && <Text size="sm">… en nog {plural(warnings.length - MAX_ROWS, 'waarschuwing', 'waarschuwingen')}.</Text>}
            </Alert>
          )}

          {preview && preview.rows.length > 0 && (
            <Table.ScrollContainer minWidth={600} maxHeight={420} type="native">
              <Table fz={12} verticalSpacing={4} striped stickyHeader data-testid="import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Rij</Table.Th>
                    <Table.Th w={160}>Code</Table.Th>
                    <Table.Th w={120}>Status</Table.Th>
                    <Table.Th>Gewijzigde kolommen</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.slice(0, MAX_ROWS).map((r) => (
                    <Table.Tr key={r.row} data-testid={`import-row-${r.row}`} data-status={r.status}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.code ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS[r.status].color} variant="light" size="sm">
                          {STATUS[r.status].label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.changedColumns.join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {preview && preview.rows.length > MAX_ROWS && (
            <Text size="sm" c="dimmed">
              De eerste {MAX_ROWS} van {preview.rows.length} rijen; de tellingen gelden voor het hele bestand.
            </Text>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text fw={600}>3. Importeren</Text>
          <Group gap="sm">
            <Button leftSection={<IconUpload size={16} />} onClick={() => void commit()} disabled={!canImport} loading={busy === 'commit'} data-testid="import-commit">
              Importeren
            </Button>
            <Text size="sm" c="dimmed">
              {preview === null
                ? 'Kies eerst een bestand.'
                : errors.length
                  ? 'Niet mogelijk zolang het bestand fouten bevat.'
                  : `${preview.counts.new} nieuw en ${preview.counts.changed} gewijzigd worden opgeslagen in één keer.`}
            </Text>
          </Group>
          {result && (
            <Alert color="green" variant="light" icon={<IconCheck size={20} />} title="Geïmporteerd" data-testid="import-result">
              <Text size="sm">
                {result.fileName}: {result.counts.new} nieuw, {result.counts.changed} gewijzigd, {result.counts.unchanged} ongewijzigd.
                {result.written === 0 ? ' Er is niets veranderd.' : ''}{' '}
                <Anchor component={Link} to={kind === 'clients' ? '/kandidaten' : '/woningen'} size="sm">
                  Naar de {label}
                </Anchor>
              </Text>
            </Alert>
          )}
          {error && <ErrorAlert error={error} />}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text fw={600}>Hele regio</Text>
          <Text size="sm" c="dimmed">
            Alle gegevens van de regio (referentiegegevens, afspraken, beleid, woningen, kandidaten, plaatsingen) als één
            datasetbestand. Het exporteren wordt in het logboek vastgelegd.
          </Text>
          <Group>
            <Button variant="default" leftSection={<IconDatabaseExport size={16} />} onClick={() => void download('json')} disabled={busy !== null} data-testid="export-dataset">
              Hele regio exporteren (JSON)
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
