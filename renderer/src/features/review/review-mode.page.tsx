// The review mode: one corporation's proposals of one round and nothing else — its own header
// ("Beoordeling — corporatie X, ronde N") with a way out, a decision per proposal, the decisions file
// saved (or, for a logged-in liaison, recorded). Warns before unsaved decisions are lost. Runs in the renderer.
import { Alert, Badge, Box, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconChecks, IconDownload, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { CORPORATION_DECLINE_REASON_LABELS } from '../../../../shared/review/decline-labels';
import { CORPORATION_DECLINE_REASONS, type CorporationDeclineReason, type ReviewDecision, type ReviewFile } from '../../../../shared/review/review-file';
import { useApi } from '../../api/api.context';
import { formatDate, formatMoney, plural } from '../../ui/format.util';
import { useAuth } from '../auth/auth.context';
import { downloadJson } from '../import/download.util';
import { buildDecisionsFile } from './review-decisions';
import type { OpenReview } from './review-mode.context';
import { decisionsReadMessage, unsavedWarning } from './review-messages';

type Choice = { decision: ReviewDecision['decision'] | null; conditions: string; declineReason: CorporationDeclineReason | null; note: string };
const EMPTY: Choice = { decision: null, conditions: '', declineReason: null, note: '' };
const DECISION_OPTIONS = [
  { value: 'accepted', label: 'Akkoord' },
  { value: 'accepted-conditions', label: 'Akkoord onder voorwaarden' },
  { value: 'declined', label: 'Afgewezen' },
];
const REASON_OPTIONS = CORPORATION_DECLINE_REASONS.map((r) => ({ value: r, label: CORPORATION_DECLINE_REASON_LABELS[r] }));
const pairKey = (c: string, u: string) => `${c}|${u}`;

export function ReviewModePage({ review, onClose }: { review: OpenReview; onClose: () => void }) {
  const { file } = review;
  const api = useApi();
  const user = useAuth().status?.user ?? null;
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [name, setName] = useState(user?.role === 'liaison' ? user.displayName : '');
  // Decisions entered since the last save or record: leaving asks first.
  const [dirty, setDirty] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);

  // Closing the tab or window, reloading, or going to another address: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const choice = (k: string): Choice => choices[k] ?? EMPTY;
  const set = (k: string, patch: Partial<Choice>) => {
    setChoices((all) => ({ ...all, [k]: { ...(all[k] ?? EMPTY), ...patch } }));
    setDirty(true);
    setSaved(null);
    setRecorded(null);
  };

  const problems: string[] = [];
  if (!name.trim()) problems.push('Vul uw naam in.');
  for (const p of file.proposals) {
    const c = choice(pairKey(p.clientCode, p.unitId));
    if (c.decision === 'accepted-conditions' && !c.conditions.trim()) problems.push(`${p.clientCode} – ${p.unitId}: vul de voorwaarden in.`);
    if (c.decision === 'declined' && !c.declineReason) problems.push(`${p.clientCode} – ${p.unitId}: kies een reden van afwijzing.`);
  }
  const chosen: ReviewDecision[] = file.proposals.flatMap((p) => {
    const c = choice(pairKey(p.clientCode, p.unitId));
    if (!c.decision) return [];
    return [
      {
        clientCode: p.clientCode,
        unitId: p.unitId,
        decision: c.decision,
        ...(c.decision === 'accepted-conditions' ? { conditions: c.conditions.trim() } : {}),
        ...(c.decision === 'declined' && c.declineReason ? { declineReason: c.declineReason } : {}),
        ...(c.note.trim() ? { note: c.note.trim() } : {}),
      },
    ];
  });
  const decided = chosen.length;
  const blocked = problems.length > 0 || decided === 0;
  const decisionsFileName = (f: ReviewFile) => `besluiten-ronde-${f.roundId}-v${f.proposalVersion}-${f.corporationId}.json`;

  const save = async () => {
    const out = await buildDecisionsFile(file, name.trim(), chosen);
    downloadJson(decisionsFileName(file), out);
    setSaved(decisionsFileName(file));
    setDirty(false);
  };

  /** Logged in as the liaison: the same signed decisions file, handed to the backend instead of saved. */
  const record = async () => {
    setRecording(true);
    setError(null);
    try {
      const out = await buildDecisionsFile(file, name.trim(), chosen);
      const result = await api.call('review.importDecisions', { fileName: decisionsFileName(file), content: JSON.stringify(out) });
      setRecorded(`${decisionsReadMessage(result, decisionsFileName(file))} De voorzitter ziet ze bij de ronde.`);
      setDirty(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRecording(false);
    }
  };

  const leave = () => (dirty ? setLeaving(true) : onClose());

  return (
    <Box mih="100vh" bg="gray.0" data-testid="review-mode">
      <Box component="header" bg="white" px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Title order={1} fz={22} data-testid="review-mode-title">
              Beoordeling — {file.corporation}, ronde {file.roundId}
            </Title>
            <Text size="sm" c="dimmed">
              {file.region} · ronde van {formatDate(file.roundDate)} · voorstelversie {file.proposalVersion} ·{' '}
              {plural(file.proposals.length, 'voorstel', 'voorstellen')} · {review.fileName}
            </Text>
          </Stack>
          <Button variant="default" leftSection={<IconX size={16} />} onClick={leave} data-testid="review-mode-close">
            {review.canRecord ? 'Terug naar de app' : 'Beoordeling sluiten'}
          </Button>
        </Group>
      </Box>
      <Box component="main" p="lg">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            U ziet alleen wat nodig is voor de verhuur: pseudoniem, huishouden, inkomensklasse, begeleiding en woonbehoeften — nooit
            namen of diagnoses. Kies per voorstel een besluit en sla het besluitenbestand op; stuur dat terug naar de voorzitter.
            Of de cliënt de woning wil, legt de voorzitter vast.
          </Text>
          {review.note && (
            <Alert color="yellow" variant="light" data-testid="review-own-note">
              {review.note}
            </Alert>
          )}
          {file.proposals.length === 0 ? (
            <Alert color="gray" variant="light">
              Dit bestand bevat geen voorstellen voor uw corporatie.
            </Alert>
          ) : (
            <Table striped withTableBorder bg="white" data-testid="review-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kandidaat</Table.Th>
                  <Table.Th>Woning</Table.Th>
                  <Table.Th>Huishouden en inkomen</Table.Th>
                  <Table.Th>Begeleiding en behoeften</Table.Th>
                  <Table.Th w={300}>Besluit</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {file.proposals.map((p) => {
                  const k = pairKey(p.clientCode, p.unitId);
                  const c = choice(k);
                  const pair = `${p.clientCode} – ${p.unitId}`;
                  return (
                    <Table.Tr key={k} data-testid={`review-row-${p.clientCode}`}>
                      <Table.Td fw={600}>{p.clientCode}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {p.unitId}
                          {p.address ? `, ${p.address}` : ''}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {p.kind}, {plural(p.rooms, 'kamer', 'kamers')}, {p.municipality}
                          {p.neighbourhood ? ` (${p.neighbourhood})` : ''}, {formatMoney(p.rent)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {plural(p.household.adults, 'volwassene', 'volwassenen')}, {plural(p.household.children, 'kind', 'kinderen')}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {p.incomeBand}
                          {p.budgetManagement ? ', budgetbeheer' : ''}; {p.debts.toLowerCase()}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {p.support.provider} ({p.support.intensity.toLowerCase()})
                        </Text>
                        <Text size="xs" c="gray.7">
                          {p.needs.length ? p.needs.join(', ') : 'geen bijzondere woonbehoeften'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <Select
                            size="xs"
                            placeholder="Kies een besluit"
                            data={DECISION_OPTIONS}
                            value={c.decision}
                            onChange={(v) => set(k, { decision: DECISION_OPTIONS.find((o) => o.value === v)?.value as Choice['decision'] ?? null })}
                            aria-label={`Besluit over ${pair}`}
                            data-testid={`review-decision-${p.clientCode}`}
                          />
                          {c.decision === 'accepted-conditions' && (
                            <TextInput
                              size="xs"
                              placeholder="Welke voorwaarden"
                              aria-label={`Voorwaarden bij ${pair}`}
                              value={c.conditions}
                              onChange={(e) => set(k, { conditions: e.currentTarget.value })}
                              data-testid={`review-conditions-${p.clientCode}`}
                            />
                          )}
                          {c.decision === 'declined' && (
                            <Select
                              size="xs"
                              placeholder="Reden van afwijzing"
                              aria-label={`Reden van afwijzing van ${pair}`}
                              data={REASON_OPTIONS}
                              value={c.declineReason}
                              onChange={(v) => set(k, { declineReason: CORPORATION_DECLINE_REASONS.find((r) => r === v) ?? null })}
                              data-testid={`review-reason-${p.clientCode}`}
                            />
                          )}
                          <Textarea
                            size="xs"
                            autosize
                            minRows={1}
                            placeholder="Toelichting (optioneel)"
                            aria-label={`Toelichting bij ${pair}`}
                            value={c.note}
                            onChange={(e) => set(k, { note: e.currentTarget.value })}
                          />
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          <Group align="flex-end">
            <TextInput label="Uw naam" value={name} onChange={(e) => setName(e.currentTarget.value)} w={260} data-testid="review-name" />
            {review.canRecord && (
              <Button leftSection={<IconChecks size={16} />} disabled={blocked} loading={recording} onClick={() => void record()} data-testid="review-record">
                Besluiten vastleggen ({decided} van {file.proposals.length})
              </Button>
            )}
            <Button
              variant={review.canRecord ? 'default' : 'filled'}
              leftSection={<IconDownload size={16} />}
              disabled={blocked}
              onClick={() => void save()}
              data-testid="review-save"
            >
              Besluitenbestand opslaan ({decided} van {file.proposals.length})
            </Button>
            {saved && (
              <Badge color="green" variant="light" size="lg" data-testid="review-saved">
                Opgeslagen: {saved}
              </Badge>
            )}
            {dirty && (
              <Text size="sm" c="orange.9" data-testid="review-unsaved">
                Nog niet opgeslagen
              </Text>
            )}
          </Group>
          {problems.length > 0 && decided > 0 && (
            <Text size="sm" c="red.8">
              {problems.join(' ')}
            </Text>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="review-error">
              {error}
            </Alert>
          )}
          {recorded && (
            <Alert color="green" variant="light" data-testid="review-recorded">
              {recorded}
            </Alert>
          )}
        </Stack>
      </Box>
      <Modal
        opened={leaving}
        onClose={() => setLeaving(false)}
        title="Besluiten niet opgeslagen"
        withCloseButton={false}
        centered
        size="lg"
        data-testid="review-leave-modal"
      >
        <Stack gap="md">
          <Text size="sm">
            {unsavedWarning(decided, review.canRecord)}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLeaving(false)} data-autofocus data-testid="review-leave-stay">
              Terug naar de beoordeling
            </Button>
            <Button color="red" onClick={onClose} data-testid="review-leave-confirm">
              Sluiten zonder opslaan
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}

