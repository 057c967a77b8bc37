// Routes of the homes register (#/woningen...). Runs in the renderer.
import type { RouteObject } from 'react-router';
import { UnitDetailPage } from './unit-detail.page';
import { UnitsListPage } from './units-list.page';

export const unitRoutes: RouteObject[] = [
  { path: 'woningen', element: <UnitsListPage /> },
  { path: 'woningen/:id', element: <UnitDetailPage /> },
];
