// The front door: asks auth.status at start and shows the first-start page, the login page or the app.
// Nothing of the app (not even its frame) is rendered before someone is logged in. Runs in the renderer.
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useAuth } from './auth.context';
import { AuthFrame } from './auth-frame.component';
import { LoginPage } from './login.page';
import { SetupPage } from './setup.page';

export function AuthGate({ children }: { children: ReactNode }) {
  const { status, error, refresh } = useAuth();
  if (error && !status) {
    return (
      <AuthFrame title="De app kan niet starten" lead="De verbinding met de database lukt niet." testId="auth-error">
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={20} />}>
          <Stack gap="xs">
            <Text size="sm">{error.message}</Text>
            {error.code === 'UNAUTHORIZED' && (
              <Text size="sm">Open de app via het volledige adres dat de server bij het starten toont (met de toegangscode).</Text>
            )}
          </Stack>
        </Alert>
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={refresh}>
          Opnieuw proberen
        </Button>
      </AuthFrame>
    );
  }
  if (!status) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader aria-label="Laden" />
      </Center>
    );
  }
  if (status.state === 'setup' || status.state === 'convert') return <SetupPage />;
  // Keyed by the person: another login builds every screen anew, nothing of the previous one kept.
  if (!status.user) return <LoginPage />;
  return <Fragment key={status.user.name}>{children}</Fragment>;
}
