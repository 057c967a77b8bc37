// Routes of reference data, agreements and policy (#/instellingen/...). Runs in the renderer.
import type { RouteObject } from 'react-router';

export const referenceRoutes: RouteObject[] = [];
