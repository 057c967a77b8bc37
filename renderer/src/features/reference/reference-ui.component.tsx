// Building blocks of the reference-data screens: page header with a way back to Instellingen, a
// save/delete mutation hook that keeps the server's field problems, and an edit modal that shows
// them. Runs in the renderer.
import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { BackLink } from '../../ui/back-link.component';
import { StaleAlert } from '../../ui/stale-alert.component';

export function ReferenceHeader({ title, intro, action }: { title: string; intro?: ReactNode; action?: ReactNode }) {
  return (
    <Stack gap={4}>
      <BackLink to="/instellingen" label="Instellingen" testId="back-to-settings" />
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{title}</Title>
          {intro && (
            <Text size="sm" c="dimmed" maw={820}>
              {intro}
            </Text>
          )}
        </Stack>
        {action}
      </Group>
    </Stack>
  );
}

export interface Mutation<M extends MethodName> {
  run: (input: MethodInput<M>) => Promise<MethodOutput<M> | null>;
  busy: boolean;
  error: ApiCallError | null;
  /** The first server problem at a field path, e.g. fieldError('validTo'). */
  fieldError: (path: string) => string | undefined;
  reset: () => void;
}

/** Calls one mutation; on failure keeps the error (and its per-field problems) instead of throwing. */
export function useMutation<M extends MethodName>(method: M): Mutation<M> {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const run = useCallback(
    async (input: MethodInput<M>) => {
      setBusy(true);
      setError(null);
      try {
        return await api.call(method, input);
      } catch (e) {
        setError(e instanceof ApiCallError ? e : new ApiCallError('INTERNAL', e instanceof Error ? e.message : String(e)));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [api, method],
  );
  const fieldError = useCallback((path: string) => error?.problems.find((p) => p.path === path)?.message, [error]);
  const reset = useCallback(() => setError(null), []);
  return { run, busy, error, fieldError, reset };
}

/**
 * The error above a form: the server's message; field problems are shown at the fields themselves.
 * A save refused because someone else changed the record (STALE) shows who and when, with "Opnieuw
 * laden" (`onReload`).
 */
export function FormError({ error, fields, onReload }: { error: ApiCallError | null; fields?: string[]; onReload?: () => void }) {
  if (!error) return null;
  if (error.code === 'STALE' && onReload) return <StaleAlert error={error} onReload={onReload} />;
  const elsewhere = error.problems.filter((p) => !fields?.includes(p.path));
  return (
    <Alert color={error.code === 'CONFLICT' ? 'orange' : 'red'} variant="light" icon={<IconAlertTriangle size={18} />} data-testid="form-error">
      <Stack gap={4}>
        <Text size="sm">
          {error.problems.length && !elsewhere.length
            ? error.problems.length === 1
              ? 'Eén veld klopt niet; zie de rode melding bij het veld.'
              : `${error.problems.length} velden kloppen niet; zie de rode meldingen bij de velden.`
            : error.message}
        </Text>
      </Stack>
    </Alert>
  );
}

export function EditModal({
  opened,
  title,
  onClose,
  onSave,
  onDelete,
  busy,
  error,
  fields,
  children,
  testId,
  onReload,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSave: () => void;
  onDelete?: () => void;
  busy: boolean;
  error: ApiCallError | null;
  fields: string[];
  children: ReactNode;
  testId: string;
  /** After a STALE refusal: drop the edit and fetch the latest data. */
  onReload?: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (error) setConfirming(false);
  }, [error]);
  const close = () => {
    setConfirming(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={700}>{title}</Text>} size="lg" data-testid={testId}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <Stack gap="sm">
          {children}
          <FormError error={error} fields={fields} {...(onReload ? { onReload } : {})} />
          <Group justify="space-between" mt="xs">
            <Group gap="xs">
              {onDelete &&
                (confirming ? (
                  <>
                    <Text size="sm">Zeker weten?</Text>
                    <Button color="red" size="sm" onClick={onDelete} loading={busy} data-testid="confirm-delete">
                      Ja, verwijderen
                    </Button>
                    <Button variant="subtle" size="sm" onClick={() => setConfirming(false)}>
                      Nee
                    </Button>
                  </>
                ) : (
                  <Button variant="light" color="red" size="sm" onClick={() => setConfirming(true)} data-testid="delete">
                    Verwijderen
                  </Button>
                ))}
            </Group>
            <Group gap="xs">
              <Button variant="default" onClick={close}>
                Annuleren
              </Button>
              <Button type="submit" loading={busy} data-testid="save">
                Opslaan
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** NumberInput gives '' for an empty field: that is null here. */
export function numOrNull(v: number | string): number | null {
  if (v === '' || v === null) return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  return Number.isNaN(n) ? null : n;
}
