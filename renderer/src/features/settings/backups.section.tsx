// Instellingen › Back-ups (chair only): the list (when, why, size), "Nu een back-up maken", how many to
// keep, and "Terugzetten" after a confirmation saying what happens; then everyone is logged out and the
// app reloads onto the login page. Runs in the renderer; `backups.list/create/saveSettings/restore`.
import { Alert, Button, Code, Group, Modal, NumberInput, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { BACKUP_REASON_LABELS, type BackupRow } from '../../../../shared/api/backup.contract';
import { formatMoment } from '../../../../shared/domain/moments';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { None, SectionCard } from '../../ui/detail-blocks.component';
import { formatCount } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';


const sizeFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** 1536 → "1,5 kB", 2_400_000 → "2,3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} kB`;
  if (bytes < 1024 * 1024 * 1024) return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
  return `${sizeFormat.format(bytes / (1024 * 1024 * 1024))} GB`;
}

function messageOf(e: unknown): string {
  if (e instanceof ApiCallError && e.problems.length > 0) return `${e.message} ${e.problems.map((p) => p.message).join('; ')}`;
  return e instanceof Error ? e.message : String(e);
}

/** After a restore the sessions are gone: reload the app at its start (the login page), keeping the start token. */
function reloadToLogin(): void {
  window.location.replace(`${window.location.pathname}${window.location.search}`);
}

export function BackupsSection() {
  const api = useApi();
  const list = useQuery('backups.list', {});
  const [keep, setKeep] = useState<number | string>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<'create' | 'keep' | null>(null);
  const [restoring, setRestoring] = useState<BackupRow | null>(null);

  const savedKeep = list.data?.settings.keep;
  useEffect(() => {
    if (savedKeep !== undefined) setKeep(savedKeep);
  }, [savedKeep]);

  const create = async () => {
    setBusy('create');
    setMessage(null);
    try {
      const row = await api.call('backups.create', {});
      setMessage({ ok: true, text: `Back-up gemaakt: ${row.fileName} (${formatBytes(row.bytes)}).` });
      list.refetch();
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const keepValid = typeof keep === 'number' && Number.isInteger(keep) && keep >= 1 && keep <= 365;
  const saveKeep = async () => {
    if (!keepValid) return;
    setBusy('keep');
    setMessage(null);
    try {
      const settings = await api.call('backups.saveSettings', { keep });
      setMessage({ ok: true, text: `Bewaard: de laatste ${formatCount(settings.keep)} back-ups.` });
      list.refetch();
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const backups = list.data ? [...list.data.backups].sort((a, b) => b.at.localeCompare(a.at)) : [];

  return (
    <SectionCard title="Back-ups" icon={<IconShieldCheck size={20} />} testId="settings-backups">
      <Stack gap="sm">
        <Text size="sm" c="dimmed" hidden={list.data?.settings.byServer}>
          Een back-up is een volledige kopie van de database, versleuteld met dezelfde sleutel. De app maakt er een bij het
          afsluiten en dagelijks zolang hij draait; de oudste boven het ingestelde aantal worden verwijderd.
        </Text>
        {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
        {!list.data && !list.error && <PageSkeleton lines={3} />}
        {list.data?.settings.byServer && (
          <Alert color="blue" title="Back-ups op de regionale server" data-testid="backups-by-server">
            Deze app draait als regionale server op PostgreSQL. De beheerder van de server maakt de back-ups (met pg_dump) en zet
            ze zo nodig terug; in de app zelf kan dat niet.
          </Alert>
        )}
        {list.data && !list.data.settings.byServer && (
          <>
            <Group align="flex-end" gap="sm">
              <Button leftSection={<IconDatabaseExport size={16} />} loading={busy === 'create'} onClick={() => void create()} data-testid="backup-create">
                Nu een back-up maken
              </Button>
              <NumberInput
                label="Aantal back-ups bewaren"
                min={1}
                max={365}
                allowDecimal={false}
                value={keep}
                onChange={setKeep}
                w={230}
                error={keep !== '' && !keepValid ? 'een heel getal van 1 tot en met 365' : undefined}
                data-testid="backup-keep"
              />
              <Button
                variant="default"
                disabled={!keepValid || keep === savedKeep}
                loading={busy === 'keep'}
                onClick={() => void saveKeep()}
                data-testid="backup-keep-save"
              >
                Opslaan
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Map: <Code style={{ wordBreak: 'break-all' }}>{list.data.settings.folder}</Code>
            </Text>
            {message && (
              <Alert color={message.ok ? 'green' : 'red'} variant="light" data-testid="backup-message">
                {message.text}
              </Alert>
            )}
            {backups.length === 0 ? (
              <None>Er is nog geen back-up.</None>
            ) : (
              <Table.ScrollContainer minWidth={560} type="native">
                <Table striped fz="sm" verticalSpacing={4} data-testid="backup-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Gemaakt op</Table.Th>
                      <Table.Th>Reden</Table.Th>
                      <Table.Th ta="right">Grootte</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actie</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {backups.map((b) => (
                      <Table.Tr key={b.fileName} data-testid="backup-row" data-file={b.fileName}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoment(b.at)}</Table.Td>
                        <Table.Td>{BACKUP_REASON_LABELS[b.reason]}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {formatBytes(b.bytes)}
                        </Table.Td>
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconRestore size={14} />}
                            onClick={() => setRestoring(b)}
                            aria-label={`Terugzetten: back-up van ${formatMoment(b.at)}`}
                            data-testid="backup-restore"
                          >
                            Terugzetten
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
      <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />
    </SectionCard>
  );
}

/** Says what a restore does before it happens; on success the app goes back to the login page. */
function RestoreModal({ backup, onClose }: { backup: BackupRow | null; onClose: () => void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    setDone(null);
  }, [backup]);

  const restore = async () => {
    if (!backup) return;
    setBusy(true);
    setError(null);
    try {
      const out = await api.call('backups.restore', { fileName: backup.fileName });
      setDone(out.keptAside);
      reloadToLogin();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened={backup !== null} onClose={busy ? () => undefined : onClose} title="Back-up terugzetten" centered size="lg" data-testid="restore-modal">
      {backup && (
        <Stack gap="sm">
          <Text size="sm">
            U zet de back-up van <strong>{formatMoment(backup.at)}</strong> ({BACKUP_REASON_LABELS[backup.reason].toLowerCase()},{' '}
            {formatBytes(backup.bytes)}) terug. Wat er gebeurt:
          </Text>
          <Stack gap={4} component="ol" style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
            <Text size="sm" component="li">
              De app controleert de back-up eerst (niet beschadigd, van deze app, met de sleutel van deze database). Klopt er iets
              niet, dan verandert er niets.
            </Text>
            <Text size="sm" component="li">
              De huidige database wordt apart bewaard als back-up „vóór het terugzetten”; die kunt u later zo nodig weer terugzetten.
            </Text>
            <Text size="sm" component="li">
              De database wordt vervangen door de back-up. Alles wat na {formatMoment(backup.at)} is vastgelegd, staat daar niet in.
            </Text>
            <Text size="sm" component="li">
              Iedereen wordt afgemeld, ook in andere vensters; u logt daarna opnieuw in.
            </Text>
          </Stack>
          {error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Niet teruggezet" data-testid="restore-error">
              {error}
            </Alert>
          )}
          {done && (
            <Alert color="green" variant="light" data-testid="restore-done">
              Teruggezet. De vorige database is bewaard als {done}. U wordt naar het inlogscherm gebracht.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Annuleren
            </Button>
            <Button color="red" leftSection={<IconRestore size={16} />} loading={busy} onClick={() => void restore()} data-testid="restore-confirm">
              Terugzetten en afmelden
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
