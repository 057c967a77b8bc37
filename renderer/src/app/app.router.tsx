// The screens and their hash routes (#/kandidaten, #/woningen, ...). Hash routing works both from a
// file:// page in the desktop app and from the local HTTP server. Runs in the renderer.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { createHashRouter, isRouteErrorResponse, Link, Navigate, useRouteError } from 'react-router';
import { clientRoutes } from '../features/clients/clients.routes';
import { importRoutes } from '../features/import/import.routes';
import { referenceRoutes } from '../features/reference/reference.routes';
import { reviewRoutes } from '../features/review/review.routes';
import { ReportsPage } from '../features/reports/reports.page';
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
        { index: true, element: <Navigate to="/kandidaten" replace /> },
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
            { path: 'rapportages', element: <ReportsPage /> },
            { path: 'instellingen', element: <SettingsPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

function NotFoundPage() {
  return (
    <Alert color="yellow" title="Deze pagina bestaat niet" icon={<IconAlertTriangle size={20} />}>
      <Anchor component={Link} to="/kandidaten">
        Naar de kandidaten
      </Anchor>
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
          <Anchor component={Link} to="/kandidaten">
            Terug naar de kandidaten
          </Anchor>
        </Stack>
      </Alert>
    </Stack>
  );
}
