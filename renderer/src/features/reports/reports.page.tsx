// Rapportages: the frame of the report screens — a tab per report the role may use (Monitor,
// Zorgaanbieder, Corporatie, Vergaderstukken) over the routed report screen. Runs in the renderer.
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { IconBuildingCommunity, IconChartBar, IconFileDescription, IconHeartHandshake, type Icon } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { MethodName } from '../../../../shared/api/contract';
import { useCan } from '../auth/auth.context';

interface ReportTab {
  value: string;
  label: string;
  /** The method the screen cannot work without (the same as in screen-access.ts). */
  method: MethodName;
  icon: Icon;
}

export const REPORT_TABS: readonly ReportTab[] = [
  { value: 'monitor', label: 'Monitor', method: 'monitor.report', icon: IconChartBar },
  { value: 'zorgaanbieder', label: 'Zorgaanbieder', method: 'reports.provider', icon: IconHeartHandshake },
  { value: 'corporatie', label: 'Corporatie', method: 'reports.corporation', icon: IconBuildingCommunity },
  { value: 'vergaderstukken', label: 'Vergaderstukken', method: 'reports.agenda', icon: IconFileDescription },
];

export function ReportsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = REPORT_TABS.filter((t) => can(t.method));
  // "/rapportages" itself shows the monitor.
  const current = pathname.split('/').filter(Boolean)[1] ?? 'monitor';
  return (
    <Stack gap="md" data-testid="reports-page">
      <Stack gap={2}>
        <Title order={2}>Rapportages</Title>
        <Text size="sm" c="dimmed">
          Cijfers en overzichten uit het register en de tafel: op het scherm, en als PDF, Excel of CSV. Elke export wordt in het
          logboek vastgelegd.
        </Text>
      </Stack>
      <Tabs value={current} onChange={(v) => v && navigate(`/rapportages/${v}`)} keepMounted={false}>
        <Tabs.List aria-label="Soort rapportage">
          {tabs.map(({ value, label, icon: TabIcon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<TabIcon size={16} stroke={1.6} />} data-testid={`reports-tab-${value}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ value }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === current && <Outlet />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
