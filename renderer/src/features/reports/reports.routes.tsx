// Routes of the reports (#/rapportages...): the regional monitor (also the index, the read-only role's
// start page), the care provider's match report, the corporation report and the meeting papers. Runs in the renderer.
import type { RouteObject } from 'react-router';
import { CorporationReportPage } from './corporation-report.page';
import { MeetingPapersPage } from './meeting-papers.page';
import { MonitorPage } from './monitor.page';
import { ProviderReportPage } from './provider-report.page';
import { ReportsPage } from './reports.page';

export const reportRoutes: RouteObject[] = [
  {
    path: 'rapportages',
    element: <ReportsPage />,
    children: [
      { index: true, element: <MonitorPage /> },
      { path: 'monitor', element: <MonitorPage /> },
      { path: 'zorgaanbieder', element: <ProviderReportPage /> },
      { path: 'corporatie', element: <CorporationReportPage /> },
      { path: 'vergaderstukken', element: <MeetingPapersPage /> },
    ],
  },
];
