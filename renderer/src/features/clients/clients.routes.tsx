// Routes of the client register (#/kandidaten...). Runs in the renderer.
import type { RouteObject } from 'react-router';
import { ClientDetailPage } from './client-detail.page';
import { ClientsListPage } from './clients-list.page';

export const clientRoutes: RouteObject[] = [
  { path: 'kandidaten', element: <ClientsListPage /> },
  { path: 'kandidaten/:id', element: <ClientDetailPage /> },
];
