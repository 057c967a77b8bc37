// "Geen toegang": the one notice for everything a person may not see, whether the whole screen is not
// for their role (NoAccess) or the server refused one record (ErrorAlert on FORBIDDEN/UNAUTHORIZED).
// Same colour, icon and title everywhere. Runs in the renderer.
import { Alert, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function AccessDenied({ children, testId = 'no-access' }: { children: ReactNode; testId?: string }) {
  return (
    <Alert color="yellow" variant="light" title="Geen toegang" icon={<IconLock size={20} />} data-testid={testId} data-notice="access-denied">
      <Stack gap="xs">{children}</Stack>
    </Alert>
  );
}
