// Beoordelen: the liaison opens their corporation's review of a round (or a review file) in the review
// mode; the chair makes the review file and PDF per corporation and reads decisions files back. Runs in the renderer.
import { Alert, Button, Card, FileButton, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconClipboardList, IconDownload, IconFileCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { formatDate, plural } from '../../ui/format.util';
import { useSessionUser } from '../auth/auth.context';
import { downloadBase64 } from '../import/download.util';
import { readReviewFile } from './review-file-read';
import { decisionsReadMessage } from './review-messages';
import { useReviewMode } from './review-mode.context';
import { ReviewFileButton } from './review-open.component';

export function ReviewPage() {
  const user = useSessionUser();
  return (
    <Stack gap="lg" data-testid="review-page">
      <Stack gap={2}>
        <Title order={1} fz={26}>
          Beoordelen door de corporatie
        </Title>
        <Text c="gray.7" size="sm">
          De contactpersoon van de corporatie krijgt een beoordelingsbestand met alleen wat nodig is voor de verhuur (pseudoniem,
          huishouden, inkomensklasse, begeleiding, woonbehoeften) — nooit diagnoses, namen of adressen om te vermijden — en
          beoordeelt het in de beoordelingsmodus, zonder toegang tot het register.
        </Text>
      </Stack>
      {user.role === 'liaison' && <LiaisonCard />}
      {user.role === 'chair' && <ChairCard />}
    </Stack>
  );
}

/** The review file's bytes (base64 of UTF-8 JSON) as text. */
function decodeText(contentBase64: string): string {
  const binary = atob(contentBase64);
  return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

/** The liaison's side: their own corporation's review of a round, or a review file, opened in the review mode. */
function LiaisonCard() {
  return (
    <Card withBorder padding="lg" data-testid="review-liaison">
      <Stack gap="sm">
        <Title order={2} fz={18}>
          Beoordeling openen
        </Title>
        <OwnReviewPicker />
        <Text size="sm" c="gray.7">
          Of open een beoordelingsbestand dat u van de voorzitter kreeg:
        </Text>
        <Group>
          <ReviewFileButton variant="default" />
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * Logged in as a liaison: pick an open round and load the review of the liaison's own corporation from
 * the app (review.export, narrowed to their corporation by the backend) into the review mode.
 */
function OwnReviewPicker() {
  const api = useApi();
  const user = useSessionUser();
  const mode = useReviewMode();
  const rounds = useQuery('rounds.list', {});
  const [roundId, setRoundId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = (rounds.data ?? []).filter((r) => r.status !== 'closed' && r.latest);

  const load = async () => {
    if (!roundId || !user.corporationId || !mode) return;
    setBusy(true);
    setError(null);
    try {
      const out = await api.call('review.export', { roundId: Number(roundId), corporationId: user.corporationId });
      const left = out.withheld.length
        ? `Niet opgenomen (geen toestemming of grondslag om met uw corporatie te delen): ${out.withheld.join(', ')}.`
        : null;
      const none = out.proposals === 0 ? `In ronde ${roundId} is er geen voorstel voor een woning van uw corporatie.` : null;
      const note = [none, left].filter(Boolean).join(' ') || null;
      mode.open({ file: readReviewFile(out.fileName, decodeText(out.contentBase64)), fileName: out.fileName, canRecord: true, note });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
      {error && (
        <Alert color="red" variant="light" data-testid="review-error">
          {error}
        </Alert>
      )}
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
      setMessage({ ok: true, text: `Gemaakt: ${out.fileName} en ${out.pdfFileName} (${plural(out.proposals, 'voorstel', 'voorstellen')}).${left}` });
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
      setMessage({ ok: true, text: decisionsReadMessage(out, file.name) });
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
        <Title order={2} fz={18}>
          Voor de voorzitter
        </Title>
        <Group align="flex-end">
          <Select
            label="Ronde"
            placeholder={open.length ? 'Kies een ronde' : 'Geen ronde met een voorstel'}
            data={open.map((r) => ({ value: String(r.id), label: `Ronde ${r.id} — ${formatDate(r.date)} (versie ${r.latest?.version ?? '–'})` }))}
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
          <Text size="xs" c="gray.7">
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
