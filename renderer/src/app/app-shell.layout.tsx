// The frame around every screen: header with the app and region name (and a clear mark when the data
// is fictional), a navigation bar, a warning when the audit log was changed outside the app, and the
// routed page. Runs in the renderer.
import { Alert, AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconChartBar,
  IconAlertTriangle,
  IconFlask,
  IconHome,
  IconClipboardCheck,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { useQuery } from '../api/use-query.hook';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  testId: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/kandidaten', label: 'Kandidaten', icon: IconUsers, testId: 'nav-kandidaten' },
  { to: '/woningen', label: 'Woningen', icon: IconHome, testId: 'nav-woningen' },
  { to: '/uitstroomtafel', label: 'Uitstroomtafel', icon: IconBuildingCommunity, testId: 'nav-uitstroomtafel' },
  { to: '/beoordelen', label: 'Beoordelen', icon: IconClipboardCheck, testId: 'nav-beoordelen' },
  { to: '/rapportages', label: 'Rapportages', icon: IconChartBar, testId: 'nav-rapportages' },
  { to: '/instellingen', label: 'Instellingen', icon: IconSettings, testId: 'nav-instellingen' },
];

export function AppShellLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const info = useQuery('app.info', {});
  const region = info.data?.region ?? null;
  // Checked once per start: an audit log edited or cut short with file access is shown, not hidden.
  const audit = useQuery('audit.verify', {});

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 180, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={3} fw={700} c="teal.8">
              Uitstroomtafel
            </Title>
            {region && (
              <Text c="dimmed" size="sm" data-testid="region-name" visibleFrom="xs">
                {region.name}
              </Text>
            )}
          </Group>
          {region?.fictional && (
            <Tooltip label="Alle personen, woningen en cijfers in deze regio zijn verzonnen." withArrow position="bottom-end">
              <Badge
                color="orange"
                variant="filled"
                size="lg"
                leftSection={<IconFlask size={14} />}
                data-testid="fictional-badge"
              >
                Fictieve demo-gegevens
              </Badge>
            </Tooltip>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Hoofdmenu">
            {NAV_ITEMS.map(({ to, label, icon: ItemIcon, testId }) => (
              <NavLink
                key={to}
                component={Link}
                to={to}
                label={label}
                leftSection={<ItemIcon size={18} stroke={1.6} />}
                active={pathname === to || pathname.startsWith(`${to}/`)}
                onClick={close}
                data-testid={testId}
              />
            ))}
          </nav>
        </AppShell.Section>
        {info.data && (
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="sm" pb="xs">
              Versie {info.data.appVersion}
            </Text>
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        {audit.data && !audit.data.intact && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Het logboek is buiten de app gewijzigd" mb="md" data-testid="audit-broken">
            {audit.data.message} Iemand met toegang tot het databasebestand heeft het logboek aangepast of ingekort; de
            regels vanaf dat punt zijn niet meer te vertrouwen. Controleer het met: npm run cli -- audit verify --db BESTAND
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
