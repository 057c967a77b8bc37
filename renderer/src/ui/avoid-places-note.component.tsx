// Who sees a client's places to avoid, said as it is for the person reading it: the chair and the
// client's own care provider (clients.get and the client form), never a corporation. Shared by the
// client's page and form. Runs in the renderer.
import { Group, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useSessionUser } from '../features/auth/auth.context';

export function avoidPlacesNote(role: string): string {
  return role === 'provider'
    ? 'Alleen zichtbaar voor uw zorgaanbieder en de voorzitter; nooit gedeeld met corporaties.'
    : 'Alleen zichtbaar voor de voorzitter en de zorgaanbieder van de kandidaat; nooit gedeeld met corporaties.';
}

export function AvoidPlacesNote({ withIcon = true }: { withIcon?: boolean }) {
  const { role } = useSessionUser();
  const text = (
    <Text size="xs" c="orange.8" data-testid="avoid-places-note">
      {avoidPlacesNote(role)}
    </Text>
  );
  if (!withIcon) return text;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" mt={4}>
      <IconShieldLock size={16} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} />
      {text}
    </Group>
  );
}
