// A modal that asks for a reason before a status change (parkeren, archiveren, intrekken) and shows
// the server's refusal in place. Runs in the renderer.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiCallError } from '../api/api.client';

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  /** Whether an empty reason is allowed (e.g. back to active). */
  reasonRequired: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}

export function ReasonModal({ opened, title, description, confirmLabel, reasonRequired, onClose, onConfirm }: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setError(null);
    }
  }, [opened]);

  const submit = async () => {
    if (reasonRequired && reason.trim() === '') {
      setError('Geef een reden op.');
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      const problem = e instanceof ApiCallError ? e.problems.find((p) => p.path === 'reason') : undefined;
      setError(problem ? `Reden: ${problem.message}` : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered data-testid="reason-modal">
      <Stack gap="sm">
        <Text size="sm">{description}</Text>
        <Textarea
          label="Reden"
          withAsterisk={reasonRequired}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error && error.startsWith('Geef') ? error : undefined}
          data-testid="reason-input"
          data-autofocus
        />
        {error && !error.startsWith('Geef') && (
          <Alert color="red" variant="light" p="xs">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuleren
          </Button>
          <Button onClick={() => void submit()} loading={busy} data-testid="reason-confirm">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
