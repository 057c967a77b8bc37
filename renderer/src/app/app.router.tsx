// The screens and their hash routes (#/kandidaten, #/woningen, ...). Hash routing works both from a
// file:// page in the desktop app and from the local HTTP server. Runs in the renderer.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { createHashRouter, isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useAuth } from '../features/auth/auth.context';
import { StartRedirect } from '../features/auth/no-access.component';
import { START_LABELS, START_PATHS } from '../features/auth/screen-access';
import { clientRoutes } from '../features/clients/clients.routes';
import { importRoutes } from '../features/import/import.routes';
import { referenceRoutes } from '../features/reference/reference.routes';
import { reviewRoutes } from '../features/review/review.routes';
import { reportRoutes } from '../features/reports/reports.routes';
import { roundRoutes } from '../features/round/round.routes';
import { SettingsPage } from '../features/settings/settings.page';
import { unitRoutes } from '../features/units/units.routes';
import { AppShellLayout } from './app-shell.layout';

export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <AppShellLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        // Each role starts on its own screen (chair and provider worker: kandidaten; liaison: beoordelen; read-only: rapportages).
        { index: true, element: <StartRedirect /> },
        {
          errorElement: <RouteErrorPage />,
          children: [
            // Each feature lists its own routes (kept apart so features can grow independently).
            ...clientRoutes,
            ...unitRoutes,
            ...referenceRoutes,
            ...importRoutes,
            ...reviewRoutes,
            ...roundRoutes,
            ...reportRoutes,
            { path: 'instellingen', element: <SettingsPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

/** The way back to the logged-in person's start page (the chair's when nobody is known). */
function HomeLink() {
  const role = useAuth().status?.user?.role ?? 'chair';
  return (
    <Anchor component={Link} to={START_PATHS[role]}>
      {START_LABELS[role]}
    </Anchor>
  );
}

function NotFoundPage() {
  return (
    <Alert color="yellow" title="Deze pagina bestaat niet" icon={<IconAlertTriangle size={20} />}>
      <HomeLink />
    </Alert>
  );
}

/** Shown instead of a blank window when a screen fails to render. */
function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Stack p="lg">
      <Alert color="red" title="Dit scherm kon niet worden getoond" icon={<IconAlertTriangle size={20} />}>
        <Stack gap="xs">
          <Text size="sm">{message}</Text>
          <HomeLink />
        </Stack>
      </Alert>
    </Stack>
  );
}
