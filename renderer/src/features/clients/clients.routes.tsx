// Routes of the client register (#/kandidaten...): list, new, detail, edit. Runs in the renderer.
import type { RouteObject } from 'react-router';
import { ClientDetailPage } from './client-detail.page';
import { ClientCreatePage, ClientEditPage } from './client-form.page';
import { ClientsListPage } from './clients-list.page';

export const clientRoutes: RouteObject[] = [
  { path: 'kandidaten', element: <ClientsListPage /> },
  // Before ':id', so "nieuw" is never read as a client code.
  { path: 'kandidaten/nieuw', element: <ClientCreatePage /> },
  { path: 'kandidaten/:id/bewerken', element: <ClientEditPage /> },
  { path: 'kandidaten/:id', element: <ClientDetailPage /> },
];
