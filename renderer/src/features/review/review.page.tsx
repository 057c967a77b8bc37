// Beoordelen: the liaison opens a review file (or, logged in, their corporation's review of a round), decides
// per proposal and saves the decisions file or records it in the app; the chair makes the review file and
// PDF per corporation and reads decisions files back. Runs in the renderer.
import { Alert, Badge, Button, Card, FileButton, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconChecks, IconClipboardList, IconDownload, IconFileCheck, IconFileUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from '../../../../shared/api/rounds.contract';
import { OLD_VERSION_ADVICE, type ReviewDecision, ReviewFile, isOldVersion } from '../../../../shared/review/review-file';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { formatDate, formatMoney } from '../../ui/format.util';
import { useSessionUser } from '../auth/auth.context';
import { downloadBase64, downloadJson } from '../import/download.util';
import { buildDecisionsFile } from './review-decisions';

type Choice = { decision: ReviewDecision['decision'] | null; conditions: string; declineReason: string | null; note: string };
const DECISION_OPTIONS = [
  { value: 'accepted', label: 'Akkoord' },
  { value: 'accepted-conditions', label: 'Akkoord onder voorwaarden' },
  { value: 'declined', label: 'Afgewezen' },
];

export function ReviewPage() {
  const user = useSessionUser();
  return (
    <Stack gap="lg" data-testid="review-page">
      <Stack gap={2}>
        <Title order={2}>Beoordelen door de corporatie</Title>
        <Text c="dimmed" size="sm">
          De contactpersoon van de corporatie krijgt een beoordelingsbestand met alleen wat nodig is voor de verhuur (pseudoniem,
          huishouden, inkomensklasse, begeleiding, woonbehoeften) — nooit diagnoses, namen of adressen om te vermijden.
        </Text>
      </Stack>
      <LiaisonCard />
      {user.role === 'chair' && <ChairCard />}
    </Stack>
  );
}

/** The review file's bytes (base64 of UTF-8 JSON) as a value. */
function decodeJson(contentBase64: string): unknown {
  const binary = atob(contentBase64);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * The liaison's side: works on a review file alone (no database needed), or — logged in as a liaison —
 * loads the review of their own corporation for a round and records the decisions in the app.
 */
function LiaisonCard() {
  const api = useApi();
  const user = useSessionUser();
  const liaison = user.role === 'liaison';
  const [review, setReview] = useState<ReviewFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [name, setName] = useState(liaison ? user.displayName : '');
  const [saved, setSaved] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);

  const show = (file: ReviewFile) => {
    setReview(file);
    setChoices({});
    setRecorded(null);
  };

  const open = async (file: File | null) => {
    setError(null);
    setSaved(null);
    setRecorded(null);
    if (!file) return;
    try {
      const raw: unknown = JSON.parse(await file.text());
      if (isOldVersion(raw)) throw new Error(`${file.name} is ${OLD_VERSION_ADVICE}.`);
      const parsed = ReviewFile.safeParse(raw);
      if (!parsed.success) throw new Error(`${file.name} is geen beoordelingsbestand (${parsed.error.issues[0]?.message ?? 'onbekende vorm'}).`);
      show(parsed.data);
    } catch (e) {
      setReview(null);
      setError(e instanceof Error && !(e instanceof SyntaxError) ? e.message : `${file.name} is geen geldig JSON-bestand.`);
    }
  };
  const key = (c: string, u: string) => `${c}|${u}`;
  const choice = (k: string): Choice => choices[k] ?? { decision: null, conditions: '', declineReason: null, note: '' };
  const set = (k: string, patch: Partial<Choice>) => setChoices((all) => ({ ...all, [k]: { ...choice(k), ...patch } }));

  const problems: string[] = [];
  if (review) {
    if (!name.trim()) problems.push('Vul uw naam in.');
    for (const p of review.proposals) {
      const c = choice(key(p.clientCode, p.unitId));
      if (!c.decision) continue;
      if (c.decision === 'accepted-conditions' && !c.conditions.trim()) problems.push(`${p.clientCode} – ${p.unitId}: vul de voorwaarden in.`);
      if (c.decision === 'declined' && !c.declineReason) problems.push(`${p.clientCode} – ${p.unitId}: kies een reden van afwijzing.`);
    }
  }
  const decided = review ? review.proposals.filter((p) => choice(key(p.clientCode, p.unitId)).decision).length : 0;

  const chosen = (file: ReviewFile): ReviewDecision[] =>
    file.proposals.flatMap((p) => {
      const c = choice(key(p.clientCode, p.unitId));
      if (!c.decision) return [];
      return [
        {
          clientCode: p.clientCode,
          unitId: p.unitId,
          decision: c.decision,
          ...(c.decision === 'accepted-conditions' ? { conditions: c.conditions.trim() } : {}),
          ...(c.decision === 'declined' && c.declineReason ? { declineReason: c.declineReason as ReviewDecision['declineReason'] } : {}),
          ...(c.note.trim() ? { note: c.note.trim() } : {}),
        },
      ];
    });
  const decisionsFileName = (file: ReviewFile) => `besluiten-ronde-${file.roundId}-v${file.proposalVersion}-${file.corporationId}.json`;

  const save = async () => {
    if (!review) return;
    const file = await buildDecisionsFile(review, name.trim(), chosen(review));
    const fileName = decisionsFileName(review);
    downloadJson(fileName, file);
    setSaved(fileName);
  };

  /** Logged in as the liaison: the same signed decisions file, handed to the backend instead of saved. */
  const record = async () => {
    if (!review) return;
    setRecording(true);
    setError(null);
    setRecorded(null);
    try {
      const file = await buildDecisionsFile(review, name.trim(), chosen(review));
      const out = await api.call('review.importDecisions', { fileName: decisionsFileName(review), content: JSON.stringify(file) });
      setRecorded(
        out.alreadyRead
          ? 'Deze besluiten waren al vastgelegd; er is niets veranderd.'
          : `${out.recorded} besluit(en) vastgelegd in ronde ${out.roundId}. De voorzitter ziet ze nu bij de ronde.`,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRecording(false);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="review-liaison">
      <Stack gap="sm">
        <Title order={4}>Voor de contactpersoon van de corporatie</Title>
        {liaison && (
          <OwnReviewPicker
            onOpened={(file) => {
              setError(null);
              setSaved(null);
              show(file);
            }}
            onError={(message) => {
              setReview(null);
              setError(message);
            }}
          />
        )}
        <Group>
          <FileButton onChange={(f) => void open(f)} accept="application/json,.json">
            {(props) => (
              <Button {...props} variant={liaison ? 'default' : 'filled'} leftSection={<IconFileUpload size={16} />} data-testid="review-open">
                Beoordelingsbestand openen
              </Button>
            )}
          </FileButton>
          {review && (
            <Text size="sm">
              {review.corporation} — ronde {review.roundId} ({formatDate(review.roundDate)}), versie {review.proposalVersion}: {review.proposals.length} voorstel(len)
            </Text>
          )}
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="review-error">
            {error}
          </Alert>
        )}
        {review && (
          <>
            <Table striped withTableBorder data-testid="review-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kandidaat</Table.Th>
                  <Table.Th>Woning</Table.Th>
                  <Table.Th>Huishouden en inkomen</Table.Th>
                  <Table.Th>Begeleiding en behoeften</Table.Th>
                  <Table.Th w={280}>Besluit</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.proposals.map((p) => {
                  const k = key(p.clientCode, p.unitId);
                  const c = choice(k);
                  return (
                    <Table.Tr key={k} data-testid={`review-row-${p.clientCode}`}>
                      <Table.Td fw={600}>{p.clientCode}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {p.unitId}
                          {p.address ? `, ${p.address}` : ''}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {p.kind}, {p.rooms} kamer(s), {p.municipality}
                          {p.neighbourhood ? ` (${p.neighbourhood})` : ''}, {formatMoney(p.rent)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {p.household.adults} volw., {p.household.children} kind(eren)
                        </Text>
                        <Text size="xs" c="dimmed">
                          {p.incomeBand}
                          {p.budgetManagement ? ', budgetbeheer' : ''}; {p.debts.toLowerCase()}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {p.support.provider} ({p.support.intensity.toLowerCase()})
                        </Text>
                        <Text size="xs" c="dimmed">
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
                            onChange={(v) => set(k, { decision: v as Choice['decision'] })}
                            aria-label={`Besluit ${p.clientCode}`}
                            data-testid={`review-decision-${p.clientCode}`}
                          />
                          {c.decision === 'accepted-conditions' && (
                            <TextInput size="xs" placeholder="Welke voorwaarden" value={c.conditions} onChange={(e) => set(k, { conditions: e.currentTarget.value })} />
                          )}
                          {c.decision === 'declined' && (
                            <Select
                              size="xs"
                              placeholder="Reden"
                              data={DECLINE_REASONS.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))}
                              value={c.declineReason}
                              onChange={(v) => set(k, { declineReason: v })}
                              data-testid={`review-reason-${p.clientCode}`}
                            />
                          )}
                          <Textarea size="xs" autosize minRows={1} placeholder="Toelichting (optioneel)" value={c.note} onChange={(e) => set(k, { note: e.currentTarget.value })} />
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Group align="flex-end">
              <TextInput label="Uw naam" value={name} onChange={(e) => setName(e.currentTarget.value)} w={260} data-testid="review-name" />
              {liaison && (
                <Button
                  leftSection={<IconChecks size={16} />}
                  disabled={problems.length > 0 || decided === 0}
                  loading={recording}
                  onClick={() => void record()}
                  data-testid="review-record"
                >
                  Besluiten vastleggen ({decided} van {review.proposals.length})
                </Button>
              )}
              <Button
                variant={liaison ? 'default' : 'filled'}
                leftSection={<IconDownload size={16} />}
                disabled={problems.length > 0 || decided === 0}
                onClick={() => void save()}
                data-testid="review-save"
              >
                Besluitenbestand opslaan ({decided} van {review.proposals.length})
              </Button>
              {saved && (
                <Badge color="green" variant="light" data-testid="review-saved">
                  Opgeslagen: {saved}
                </Badge>
              )}
            </Group>
            {problems.length > 0 && (
              <Text size="sm" c="red">
                {problems.join(' ')}
              </Text>
            )}
            {recorded && (
              <Alert color="green" variant="light" data-testid="review-recorded">
                {recorded}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Logged in as a liaison: pick an open round and load the review of the liaison's own corporation from
 * the app (review.export, narrowed to their corporation by the backend) instead of from a file.
 */
function OwnReviewPicker({ onOpened, onError }: { onOpened: (file: ReviewFile) => void; onError: (message: string) => void }) {
  const api = useApi();
  const user = useSessionUser();
  const rounds = useQuery('rounds.list', {});
  const [roundId, setRoundId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const open = (rounds.data ?? []).filter((r) => r.status !== 'closed' && r.latest);

  const load = async () => {
    if (!roundId || !user.corporationId) return;
    setBusy(true);
    setNote(null);
    try {
      const out = await api.call('review.export', { roundId: Number(roundId), corporationId: user.corporationId });
      const parsed = ReviewFile.safeParse(decodeJson(out.contentBase64));
      if (!parsed.success) throw new Error(`De beoordeling van ronde ${roundId} kon niet worden gelezen (${parsed.error.issues[0]?.message ?? 'onbekende vorm'}).`);
      const left = out.withheld.length
        ? ` Niet opgenomen (geen toestemming of grondslag om met uw corporatie te delen): ${out.withheld.join(', ')}.`
        : '';
      setNote(out.proposals === 0 ? `In ronde ${roundId} is er geen voorstel voor een woning van uw corporatie.${left}` : left.trim() || null);
      onOpened(parsed.data);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="review-own">
      {!user.corporationId && (
        <Alert color="yellow" variant="light">
          Uw account hoort bij geen corporatie; vraag de voorzitter dat in te stellen.
        </Alert>
      )}
      {rounds.error && (
        <Alert color="red" variant="light">
          {rounds.error.message}
        </Alert>
      )}
      <Group align="flex-end">
        <Select
          label="Ronde"
          placeholder={rounds.data && open.length === 0 ? 'Geen ronde met een voorstel' : 'Kies een ronde'}
          data={open.map((r) => ({ value: String(r.id), label: `Ronde ${r.id} — ${formatDate(r.date)} (versie ${r.latest?.version ?? '–'})` }))}
          value={roundId}
          onChange={setRoundId}
          w={300}
          data-testid="review-own-round"
        />
        <Button
          leftSection={<IconClipboardList size={16} />}
          disabled={!roundId || !user.corporationId}
          loading={busy}
          onClick={() => void load()}
          data-testid="review-own-open"
        >
          Open de beoordeling van mijn corporatie
        </Button>
      </Group>
      {note && (
        <Text size="sm" c="dimmed" data-testid="review-own-note">
          {note}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Of open een beoordelingsbestand dat u van de voorzitter kreeg:
      </Text>
    </Stack>
  );
}

/** The chair's side: make the review file per corporation, and read the decisions file back. */
function ChairCard() {
  const api = useApi();
  const rounds = useQuery('rounds.list', {});
  const reference = useQuery('reference.get', {});
  const [roundId, setRoundId] = useState<string | null>(null);
  const [corporationId, setCorporationId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Cleared after each read, so picking the same file again reads it again (and says it was read).
  const resetImport = useRef<() => void>(null);

  const make = async () => {
    if (!roundId || !corporationId) return;
    setBusy(true);
    setMessage(null);
    try {
      const out = await api.call('review.export', { roundId: Number(roundId), corporationId });
      downloadBase64(out.fileName, out.contentBase64);
      downloadBase64(out.pdfFileName, out.pdfBase64);
      const left = out.withheld.length
        ? ` Niet opgenomen (geen toestemming of grondslag om met deze corporatie te delen): ${out.withheld.join(', ')}.`
        : '';
      setMessage({ ok: true, text: `Gemaakt: ${out.fileName} en ${out.pdfFileName} (${out.proposals} voorstel(len)).${left}` });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const readBack = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const out = await api.call('review.importDecisions', { fileName: file.name, content: await file.text() });
      setMessage({
        ok: true,
        text: out.alreadyRead
          ? `${file.name}: al ingelezen, niets veranderd.`
          : `${out.recorded} besluit(en) van ${out.decidedBy} vastgelegd in ronde ${out.roundId}.`,
      });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
      resetImport.current?.();
    }
  };
  const open = (rounds.data ?? []).filter((r) => r.status !== 'closed' && r.latest);
  return (
    <Card withBorder padding="lg" data-testid="review-chair">
      <Stack gap="sm">
        <Title order={4}>Voor de voorzitter</Title>
        <Group align="flex-end">
          <Select
            label="Ronde"
            placeholder={open.length ? 'Kies een ronde' : 'Geen ronde met een voorstel'}
            data={open.map((r) => ({ value: String(r.id), label: `Ronde ${r.id} — ${r.date} (versie ${r.latest?.version ?? '–'})` }))}
            value={roundId}
            onChange={setRoundId}
            w={280}
            data-testid="review-round"
          />
          <Select
            label="Corporatie"
            placeholder="Kies een corporatie"
            data={(reference.data?.corporations ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={corporationId}
            onChange={setCorporationId}
            w={280}
            data-testid="review-corporation"
          />
          <Button leftSection={<IconDownload size={16} />} disabled={!roundId || !corporationId} loading={busy} onClick={() => void make()} data-testid="review-export">
            Beoordelingsbestand en PDF maken
          </Button>
        </Group>
        <Group>
          <FileButton onChange={(f) => void readBack(f)} accept="application/json,.json" resetRef={resetImport}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileCheck size={16} />} data-testid="review-import">
                Besluitenbestand inlezen
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            Alleen een onveranderd bestand, gemaakt met een beoordelingsbestand uit deze database, wordt aangenomen; een
            bestand dat ouder is dan een al ingelezen bestand voor dezelfde ronde en corporatie wordt geweigerd.
          </Text>
        </Group>
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} data-testid="review-message">
            {message.text}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
