// Routes of reference data, agreements and policy (#/instellingen/...). Runs in the renderer.
import type { RouteObject } from 'react-router';
import { PolicyPage } from '../settings/policy.page';
import { MunicipalitiesPage } from './municipalities.page';
import { NeighbourhoodsPage } from './neighbourhoods.page';
import { OrganisationsPage } from './organisations.page';
import { QuotasPage } from './quotas.page';

export const referenceRoutes: RouteObject[] = [
  { path: 'instellingen/gemeenten', element: <MunicipalitiesPage /> },
  { path: 'instellingen/buurten', element: <NeighbourhoodsPage /> },
  { path: 'instellingen/corporaties', element: <OrganisationsPage /> },
  { path: 'instellingen/afspraken', element: <QuotasPage /> },
  { path: 'instellingen/beleid', element: <PolicyPage /> },
  { path: 'instellingen/beleid/:id', element: <PolicyPage /> },
];
