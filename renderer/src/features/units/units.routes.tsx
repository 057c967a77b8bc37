// Routes of the homes register (#/woningen...): list, new, detail, edit. Runs in the renderer.
import type { RouteObject } from 'react-router';
import { UnitDetailPage } from './unit-detail.page';
import { UnitCreatePage, UnitEditPage } from './unit-form.page';
import { UnitsListPage } from './units-list.page';

export const unitRoutes: RouteObject[] = [
  { path: 'woningen', element: <UnitsListPage /> },
  // Before ':id', so "nieuw" is never read as a unit code.
  { path: 'woningen/nieuw', element: <UnitCreatePage /> },
  { path: 'woningen/:id/bewerken', element: <UnitEditPage /> },
  { path: 'woningen/:id', element: <UnitDetailPage /> },
];
