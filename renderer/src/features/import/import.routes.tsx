// Routes of import and export (#/importeren...). Runs in the renderer.
import type { RouteObject } from 'react-router';

export const importRoutes: RouteObject[] = [];
