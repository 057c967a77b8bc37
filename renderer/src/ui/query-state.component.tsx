// Shared loading and error displays for API-backed screens: an error is an Alert with the server's
// message (and a retry), never a crash. Runs in the renderer.
import { Alert, Button, Group, List, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ApiCallError } from '../api/api.client';
import { AccessDenied } from './access-denied.component';

const TITLES: Partial<Record<ApiCallError['code'], string>> = {
  NOT_FOUND: 'Niet gevonden',
  VALIDATION: 'De invoer klopt niet',
  DB_TOO_NEW: 'Database is nieuwer dan deze versie van de app',
};

export function ErrorAlert({ error, onRetry }: { error: ApiCallError; onRetry?: () => void }) {
  if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') {
    // The same notice as a screen the role may not open: not an error of the app, a boundary.
    return (
      <AccessDenied testId="api-error">
        <Text size="sm">{error.message}</Text>
        {error.code === 'UNAUTHORIZED' && (
          <Text size="sm" c="dimmed">
            Open de app via het volledige adres dat de server bij het starten toont (met de toegangscode).
          </Text>
        )}
      </AccessDenied>
    );
  }
  return (
    <Alert
      color={error.code === 'NOT_FOUND' ? 'yellow' : 'red'}
      variant="light"
      title={TITLES[error.code] ?? 'Er ging iets mis'}
      icon={<IconAlertTriangle size={20} />}
      data-testid="api-error"
    >
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        {error.problems.length > 0 && (
          <List size="sm">
            {error.problems.map((p) => (
              <List.Item key={`${p.path}:${p.message}`}>
                {p.path ? `${p.path}: ` : ''}
                {p.message}
              </List.Item>
            ))}
          </List>
        )}
        {onRetry && error.code !== 'NOT_FOUND' && (
          <Group>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              Opnieuw proberen
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Placeholder lines while a page loads. */
export function PageSkeleton({ lines = 6 }: { lines?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Laden">
      <Skeleton height={28} width="40%" />
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} height={18} width={`${90 - (i % 3) * 15}%`} />
      ))}
    </Stack>
  );
}
