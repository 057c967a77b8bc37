// The client's AVG rights on the client page, chair only: "Inzage (AVG)" downloads everything held as JSON
// and PDF; "Wissen (AVG)" erases the client after a reason and typing the client id, then back to the list.
// Runs in the renderer; `clients.accessExport`, `clients.erase`.
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconEraser, IconFileSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useCan } from '../auth/auth.context';
import { downloadBase64 } from '../import/download.util';

function messageOf(e: unknown): string {
  if (e instanceof ApiCallError && e.problems.length > 0) return `${e.message} ${e.problems.map((p) => p.message).join('; ')}`;
  return e instanceof Error ? e.message : String(e);
}

/** The two buttons (and the erase dialog); renders nothing for a role that may not use them. */
export function ClientRights({ clientId, clientName }: { clientId: string; clientName: string | null }) {
  const api = useApi();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [erasing, setErasing] = useState(false);
  const mayExport = can('clients.accessExport');
  const mayErase = can('clients.erase');
  if (!mayExport && !mayErase) return null;

  const accessExport = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const out = await api.call('clients.accessExport', { id: clientId });
      downloadBase64(out.jsonFileName, out.jsonBase64);
      downloadBase64(out.pdfFileName, out.pdfBase64);
      setMessage({ ok: true, text: `Inzage gemaakt: ${out.jsonFileName} en ${out.pdfFileName}. Dit staat in het logboek.` });
    } catch (e) {
      setMessage({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {mayExport && (
        <Button size="xs" variant="default" leftSection={<IconFileSearch size={16} />} loading={busy} onClick={() => void accessExport()} data-testid="client-access-export">
          Inzage (AVG)
        </Button>
      )}
      {mayErase && (
        <Button size="xs" variant="default" color="red" leftSection={<IconEraser size={16} />} onClick={() => setErasing(true)} data-testid="client-erase">
          Wissen (AVG)
        </Button>
      )}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} variant="light" p="xs" w="100%" data-testid="client-rights-message">
          {message.text}
        </Alert>
      )}
      <EraseModal opened={erasing} clientId={clientId} clientName={clientName} onClose={() => setErasing(false)} />
    </>
  );
}

function EraseModal({ opened, clientId, clientName, onClose }: { opened: boolean; clientId: string; clientName: string | null; onClose: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setTyped('');
      setError(null);
    }
  }, [opened]);

  const confirmed = typed.trim() === clientId;
  const erase = async () => {
    if (!reason.trim()) {
      setError('Geef de reden (bijv. het verzoek van de cliënt, met datum).');
      return;
    }
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('clients.erase', { id: clientId, reason: reason.trim() });
      onClose();
      navigate('/kandidaten', { replace: true });
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const who = clientName ? `${clientId} (${clientName})` : clientId;
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={`Kandidaat ${clientId} wissen`} centered size="lg" data-testid="erase-modal">
      <Stack gap="sm">
        <Text size="sm">
          U wist kandidaat <strong>{who}</strong> en alles wat over deze persoon is vastgelegd: het dossier, voorwaarden,
          toestemmingen, deelname aan rondes, voorstellen, besluiten, plaatsing en nazorg. Dit kan niet ongedaan worden gemaakt.
        </Text>
        <Text size="sm">
          Het logboek houdt alleen bij dát er een kandidaat is gewist, met de reden en de aantallen — geen persoonsgegevens. De
          aantallen van de monitor blijven bewaard. Maak eerst een inzage als de cliënt die wil hebben.
        </Text>
        <Textarea
          label="Reden"
          description="Bijvoorbeeld het verzoek van de cliënt, met datum"
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="erase-reason"
          data-autofocus
        />
        <TextInput
          label={`Typ ${clientId} ter bevestiging`}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          data-testid="erase-confirm-id"
        />
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="erase-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Annuleren
          </Button>
          <Button color="red" leftSection={<IconEraser size={16} />} disabled={!confirmed} loading={busy} onClick={() => void erase()} data-testid="erase-confirm">
            Kandidaat {clientId} definitief wissen
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
