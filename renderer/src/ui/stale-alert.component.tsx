// The refusal of a save that started from an older version of the record (code STALE): who changed
// it and when, that nothing was saved, and an "Opnieuw laden" button that fetches the latest data.
// Used by every edit form and modal. Runs in the renderer.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import type { ApiCallError } from '../api/api.client';

export function StaleAlert({ error, onReload }: { error: ApiCallError | null; onReload: () => void }) {
  if (error?.code !== 'STALE') return null;
  return (
    <Alert color="orange" variant="light" icon={<IconUsers size={20} />} title="Intussen gewijzigd door iemand anders" data-testid="stale-alert">
      <Stack gap="xs">
        <Text size="sm" data-testid="stale-message">
          {error.message}
        </Text>
        <Text size="sm" c="dimmed">
          Uw wijziging is niet opgeslagen, zodat die van de ander niet verloren gaat. Laad opnieuw en breng uw wijziging daarna
          opnieuw aan.
        </Text>
        <Group>
          <Button size="xs" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload} data-testid="stale-reload">
            Opnieuw laden
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
