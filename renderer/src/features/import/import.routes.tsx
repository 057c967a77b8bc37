// Routes of import and export (#/importeren?soort=kandidaten|woningen). Runs in the renderer.
import type { RouteObject } from 'react-router';
import { ImportPage } from './import.page';

export const importRoutes: RouteObject[] = [{ path: 'importeren', element: <ImportPage /> }];
