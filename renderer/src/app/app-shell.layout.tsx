// The frame around every screen: app and region name (marked when fictional), who is logged in with
// "Afmelden", a menu of only the screens the role may use, the chair's audit-log warning, and the routed
// page or "Geen toegang". Runs in the renderer.
import { Alert, AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconChartBar,
  IconAlertTriangle,
  IconFlask,
  IconHome,
  IconClipboardCheck,
  IconLogout,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { useQuery } from '../api/use-query.hook';
import { useAuth, useCan, useSessionUser } from '../features/auth/auth.context';
import { NoAccess } from '../features/auth/no-access.component';
import { mayOpen } from '../features/auth/screen-access';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  testId: string;
}

// Shown only when the role may open the screen (features/auth/screen-access.ts).
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
  const user = useSessionUser();
  const can = useCan();
  const info = useQuery('app.info', {});
  const region = info.data?.region ?? null;
  const navItems = NAV_ITEMS.filter((item) => mayOpen(user.role, item.to));

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
          <Group gap="md" wrap="nowrap">
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
            <SessionBadge />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Hoofdmenu">
            {navItems.map(({ to, label, icon: ItemIcon, testId }) => (
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
        {can('audit.verify') && <AuditWarning />}
        {mayOpen(user.role, pathname) ? <Outlet /> : <NoAccess />}
      </AppShell.Main>
    </AppShell>
  );
}

/** Who is logged in (name and role) and "Afmelden". */
function SessionBadge() {
  const user = useSessionUser();
  const { logout } = useAuth();
  return (
    <Group gap="sm" wrap="nowrap">
      <Stack gap={0} align="flex-end" visibleFrom="xs">
        <Text size="sm" fw={600} lh={1.2} data-testid="session-user">
          {user.displayName}
        </Text>
        <Text size="xs" c="dimmed" lh={1.2} data-testid="session-role">
          {ROLE_LABELS[user.role]}
        </Text>
      </Stack>
      <Button variant="default" size="xs" leftSection={<IconLogout size={14} />} onClick={() => void logout()} data-testid="logout">
        Afmelden
      </Button>
    </Group>
  );
}

/** For the chair, checked once per start: an audit log edited or cut short with file access is shown, not hidden. */
function AuditWarning() {
  const audit = useQuery('audit.verify', {});
  if (!audit.data || audit.data.intact) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Het logboek is buiten de app gewijzigd" mb="md" data-testid="audit-broken">
      {audit.data.message} Iemand met toegang tot het databasebestand heeft het logboek aangepast of ingekort; de regels vanaf dat
      punt zijn niet meer te vertrouwen. Controleer het met: npm run cli -- audit verify --db BESTAND
    </Alert>
  );
}
