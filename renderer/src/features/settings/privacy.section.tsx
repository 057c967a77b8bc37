// Instellingen › Bewaartermijnen (chair only): per kind of record after how many years clients are kept,
// pseudonymised or deleted; "Proef" (dry run) and "Nu toepassen" (after a confirmation); what the monitor
// keeps. Runs in the renderer; `privacy.settings`, `privacy.saveSettings`, `retention.run`.
import { Alert, Button, Group, List, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockShield, IconFlask, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  RETENTION_KINDS,
  RETENTION_KIND_LABELS,
  type PrivacySettings,
  type RetentionOutcome,
  type RetentionRule,
} from '../../../../shared/api/privacy.contract';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useOnServer } from '../../api/use-on-server.hook';
import { useQuery } from '../../api/use-query.hook';
import { SectionCard } from '../../ui/detail-blocks.component';
import { joinDutch, plural } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';

type Kind = RetentionRule['kind'];
type Action = RetentionRule['action'];
type Draft = Record<Kind, { years: number | string; action: Action }>;

const ACTION_OPTIONS: { value: Action; label: string }[] = [
  { value: 'keep', label: 'Bewaren' },
  { value: 'pseudonymise', label: 'Pseudonimiseren' },
  { value: 'delete', label: 'Verwijderen' },
];

function toDraft(settings: PrivacySettings): Draft {
  const draft = {} as Draft;
  for (const kind of RETENTION_KINDS) {
    const rule = settings.retention.find((r) => r.kind === kind);
    draft[kind] = rule ? { years: rule.years, action: rule.action } : { years: 5, action: 'keep' };
  }
  return draft;
}

const validYears = (y: number | string): y is number => typeof y === 'number' && Number.isInteger(y) && y >= 1 && y <= 100;

function messageOf(e: unknown): string {
  if (e instanceof ApiCallError && e.problems.length > 0) return `${e.message} ${e.problems.map((p) => p.message).join('; ')}`;
  return e instanceof Error ? e.message : String(e);
}

export function PrivacySection() {
  const api = useApi();
  const settings = useQuery('privacy.settings', {});
  // On the regional server there is no daily backup in the app: the server applies the rules by itself.
  const byServer = useOnServer();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [outcome, setOutcome] = useState<RetentionOutcome | null>(null);
  const [busy, setBusy] = useState<'save' | 'dry' | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(toDraft(settings.data));
  }, [settings.data]);

  const saved = settings.data ? toDraft(settings.data) : null;
  const changed = draft !== null && saved !== null && RETENTION_KINDS.some((k) => draft[k].years !== saved[k].years || draft[k].action !== saved[k].action);
  const valid = draft !== null && RETENTION_KINDS.every((k) => validYears(draft[k].years));

  const save = async () => {
    if (!draft || !valid) return;
    setBusy('save');
    setMessage(null);
    setOutcome(null);
    try {
      const retention = RETENTION_KINDS.map((kind) => ({ kind, years: draft[kind].years as number, action: draft[kind].action }));
      await api.call('privacy.saveSettings', { retention });
      setMessage({ ok: true, text: 'De bewaartermijnen zijn opgeslagen.' });
      settings.refetch();
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const dryRun = async () => {
    setBusy('dry');
    setMessage(null);
    try {
      setOutcome(await api.call('retention.run', { dryRun: true }));
    } catch (e) {
      setOutcome(null);
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const set = (kind: Kind, patch: Partial<Draft[Kind]>) => setDraft((d) => (d ? { ...d, [kind]: { ...d[kind], ...patch } } : d));

  return (
    <SectionCard title="Bewaartermijnen en rechten van de cliënt" icon={<IconClockShield size={20} />} testId="settings-privacy">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Hoe lang de app gegevens van kandidaten bewaart is een keuze van de regio. Na de termijn kan de app de kandidaat
          pseudonimiseren (naam, notities en vrije tekst weg, van de geboortedatum alleen het jaar) of helemaal verwijderen; van elke
          uitvoering wordt vastgelegd wat er gebeurde. {byServer
            ? 'De server past de termijnen zelf toe, eenmaal per dag, ook als niemand is aangemeld.'
            : 'De app past de termijnen elke dag zelf toe, direct na de dagelijkse back-up.'}{' '}
          Inzage en wissen voor één kandidaat staan op de pagina van die kandidaat.
        </Text>
        {settings.error && <ErrorAlert error={settings.error} onRetry={settings.refetch} />}
        {!draft && !settings.error && <PageSkeleton lines={3} />}
        {draft && (
          <>
            <Table fz="sm" verticalSpacing={6} data-testid="retention-rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Soort gegevens</Table.Th>
                  <Table.Th w={150}>Na (jaar)</Table.Th>
                  <Table.Th w={200}>Dan</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {RETENTION_KINDS.map((kind) => (
                  <Table.Tr key={kind} data-testid={`retention-${kind}`}>
                    <Table.Td>{RETENTION_KIND_LABELS[kind]}</Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={1}
                        max={100}
                        allowDecimal={false}
                        value={draft[kind].years}
                        onChange={(years) => set(kind, { years })}
                        aria-label={`Aantal jaren: ${RETENTION_KIND_LABELS[kind]}`}
                        error={validYears(draft[kind].years) ? undefined : '1 tot en met 100'}
                        data-testid={`retention-years-${kind}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        data={ACTION_OPTIONS}
                        value={draft[kind].action}
                        allowDeselect={false}
                        onChange={(v) => v && set(kind, { action: v as Action })}
                        aria-label={`Wat er gebeurt: ${RETENTION_KIND_LABELS[kind]}`}
                        data-testid={`retention-action-${kind}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group gap="sm">
              <Button variant="default" disabled={!changed || !valid} loading={busy === 'save'} onClick={() => void save()} data-testid="retention-save">
                Opslaan
              </Button>
              <Button
                variant="light"
                leftSection={<IconFlask size={16} />}
                disabled={changed}
                loading={busy === 'dry'}
                onClick={() => void dryRun()}
                data-testid="retention-dry-run"
              >
                Proef
              </Button>
              <Button color="red" variant="light" leftSection={<IconPlayerPlay size={16} />} disabled={changed} onClick={() => setConfirming(true)} data-testid="retention-apply">
                Nu toepassen
              </Button>
              {changed && (
                <Text size="xs" c="dimmed">
                  Sla de gewijzigde termijnen eerst op; proef en toepassen gebruiken de opgeslagen regels.
                </Text>
              )}
            </Group>
          </>
        )}
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} variant="light" data-testid="retention-message">
            {message.text}
          </Alert>
        )}
        {outcome && <OutcomeView outcome={outcome} />}
        <Alert color="blue" variant="light" title="Wat de monitor bewaart" data-testid="retention-monitor-note">
          <Text size="sm">
            De monitor telt alleen aantallen (per jaar, gemeente en doelgroep: kandidaten, woonrijp, woningen, plaatsingen, rondes),
            nooit een persoon. Die aantallen blijven bewaard als kandidaten gepseudonimiseerd of verwijderd worden.
          </Text>
        </Alert>
      </Stack>
      <ApplyModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onDone={(out) => {
          setOutcome(out);
          setMessage(null);
        }}
      />
    </SectionCard>
  );
}

/** Which clients a run (would) pseudonymise or delete, and the backend's own summary. */
function OutcomeView({ outcome }: { outcome: RetentionOutcome }) {
  const none = outcome.pseudonymised.length === 0 && outcome.deleted.length === 0;
  return (
    <Alert
      color={outcome.dryRun ? 'blue' : 'green'}
      variant="light"
      title={outcome.dryRun ? 'Proef: er is niets veranderd' : 'Toegepast'}
      data-testid={outcome.dryRun ? 'retention-dry-result' : 'retention-result'}
    >
      <Stack gap={4}>
        {outcome.message && <Text size="sm">{outcome.message}</Text>}
        {none && !outcome.message && <Text size="sm">{outcome.dryRun ? 'Geen kandidaat valt nu onder een bewaartermijn.' : 'Er viel geen kandidaat onder een bewaartermijn.'}</Text>}
        {outcome.pseudonymised.length > 0 && (
          <Text size="sm" data-testid="retention-pseudonymised">
            {outcome.dryRun ? 'Zou pseudonimiseren' : 'Gepseudonimiseerd'}: {plural(outcome.pseudonymised.length, 'kandidaat', 'kandidaten')} (
            {joinDutch(outcome.pseudonymised)})
          </Text>
        )}
        {outcome.deleted.length > 0 && (
          <Text size="sm" data-testid="retention-deleted">
            {outcome.dryRun ? 'Zou verwijderen' : 'Verwijderd'}: {plural(outcome.deleted.length, 'kandidaat', 'kandidaten')} ({joinDutch(outcome.deleted)})
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** Shows the dry run's result first, then applies the rules for real on confirmation. */
function ApplyModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: (out: RetentionOutcome) => void }) {
  const api = useApi();
  const [preview, setPreview] = useState<RetentionOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setPreview(null);
    setError(null);
    api.call('retention.run', { dryRun: true }).then(
      (out) => current && setPreview(out),
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [api, opened]);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await api.call('retention.run', { dryRun: false });
      onDone(out);
      onClose();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const affected = preview ? preview.pseudonymised.length + preview.deleted.length : 0;
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title="Bewaartermijnen nu toepassen" centered size="lg" data-testid="retention-apply-modal">
      <Stack gap="sm">
        {!preview && !error && <PageSkeleton lines={2} />}
        {preview && (
          <>
            <Text size="sm">De opgeslagen regels worden nu toegepast:</Text>
            <List size="sm" spacing={4}>
              <List.Item>
                pseudonimiseren: {plural(preview.pseudonymised.length, 'kandidaat', 'kandidaten')}
                {preview.pseudonymised.length > 0 ? ` (${joinDutch(preview.pseudonymised)})` : ''};
              </List.Item>
              <List.Item>
                verwijderen: {plural(preview.deleted.length, 'kandidaat', 'kandidaten')}
                {preview.deleted.length > 0 ? ` (${joinDutch(preview.deleted)})` : ''}.
              </List.Item>
            </List>
            <Text size="sm">
              Dit kan niet ongedaan worden gemaakt (alleen door een eerdere back-up terug te zetten). Wat er gebeurde wordt vastgelegd,
              zonder persoonsgegevens; de aantallen van de monitor blijven bewaard.
            </Text>
          </>
        )}
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="retention-apply-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Annuleren
          </Button>
          <Button color="red" disabled={!preview || affected === 0} loading={busy} onClick={() => void apply()} data-testid="retention-apply-confirm">
            {preview && affected === 0 ? 'Niets toe te passen' : 'Toepassen'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
