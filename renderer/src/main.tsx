// Renderer entry: the API transport, Mantine (Dutch UI, calm theme), the login gate and behind it the
// hash router; in the Electron window and in a browser. The virtual preamble lets React Fast Refresh
// work in development under a CSP without inline scripts (empty in a production build).
import '@vitejs/plugin-react/preamble';
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/nl';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiProvider } from './api/api.context';
import { setupClient } from './api/api.setup';
import { createAppRouter } from './app/app.router';
import { cssVariablesResolver, theme } from './app/app.theme';
import { AuthProvider } from './features/auth/auth.context';
import { AuthGate } from './features/auth/auth-gate.component';
import { ReviewModeGate } from './features/review/review-mode.context';

const { client, mode } = setupClient();
const router = createAppRouter();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Dutch day and month names, weeks from Monday; weekend days not in red (too little contrast). */}
      <DatesProvider settings={{ locale: 'nl', firstDayOfWeek: 1, weekendDays: [] }}>
        <ApiProvider client={client}>
          <AuthProvider mode={mode}>
            {/* An open review file shows only the review mode, logged in or not. */}
            <ReviewModeGate>
              <AuthGate>
                <RouterProvider router={router} />
              </AuthGate>
            </ReviewModeGate>
          </AuthProvider>
        </ApiProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
