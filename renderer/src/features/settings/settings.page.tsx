// Instellingen. Chair: reference data, agreements and policy links, the installation, region, users,
// backups, privacy and the audit log; everyone: their own account (passphrase). Runs in the renderer;
// data from `app.info`, `reference.get`, `audit.list`.
import { Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconDatabase,
  IconHistory,
  IconMap2,
  IconMapPin,
  IconScale,
  IconWriting,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { HOST_LABELS } from '../../../../shared/api/contract';
import { useQuery } from '../../api/use-query.hook';
import { Facts, None, SectionCard } from '../../ui/detail-blocks.component';
import { auditLine, auditNames } from '../../ui/audit-text.util';
import { formatMoment } from '../../../../shared/domain/moments';
import { formatCount, formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { useCan } from '../auth/auth.context';
import { BackupsSection } from './backups.section';
import { PrivacySection } from './privacy.section';
import { useSessionUser } from '../auth/auth.context';
import { AccountSection } from './account.section';
import { UsersSection } from './users.section';

const AUDIT_LIMIT = 50;

const SECTIONS: { to: string; key: string; title: string; text: string; icon: ReactNode }[] = [
  { to: 'gemeenten', key: 'municipalities', title: 'Gemeenten', text: 'CBS-codes en geldigheid (fusies)', icon: <IconMap2 size={20} /> },
  { to: 'buurten', key: 'neighbourhoods', title: 'Buurten', text: 'Draagkracht: sociale huur, Leefbaarometer, plaatsingen', icon: <IconMapPin size={20} /> },
  { to: 'corporaties', key: 'organisations', title: 'Corporaties en zorgaanbieders', text: 'Wie woningen aanbiedt en wie begeleidt', icon: <IconBuildingCommunity size={20} /> },
  { to: 'afspraken', key: 'quotas', title: 'Afspraken', text: 'Quota per corporatie en gemeente, met gebruik', icon: <IconWriting size={20} /> },
  { to: 'beleid', key: 'policy', title: 'Beleid', text: 'Gewichten, grenzen en voorwaarden, in versies', icon: <IconScale size={20} /> },
];

export function SettingsPage() {
  const user = useSessionUser();
  // Only the chair manages the region and its users; everyone else sees their own account here.
  if (user.role !== 'chair') {
    return (
      <Stack gap="md" data-testid="settings-page">
        <Title order={2}>Instellingen</Title>
        <AccountSection />
      </Stack>
    );
  }
  return <ChairSettings />;
}

function ChairSettings() {
  const info = useQuery('app.info', {});
  const reference = useQuery('reference.get', {});
  const audit = useQuery('audit.list', { limit: AUDIT_LIMIT });
  // Who did it, by display name (the login name for someone no longer a user, or the system).
  const users = useQuery('users.list', {});
  // Organisations, places and people by name, as every other screen names them (the log stores codes).
  const names = auditNames(reference.data, users.data);
  const policy = reference.data?.policy ?? null;
  const can = useCan();

  return (
    <Stack gap="md" data-testid="settings-page">
      <Title order={2}>Instellingen</Title>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="sm" data-testid="settings-nav">
        {SECTIONS.map((sec) => (
          <UnstyledButton key={sec.key} component={Link} to={`/instellingen/${sec.to}`} data-testid={`settings-nav-${sec.key}`}>
            <Card withBorder radius="md" padding="sm" h="100%">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg" radius="md">
                  {sec.icon}
                </ThemeIcon>
                <Stack gap={0}>
                  <Text fw={600} size="sm">
                    {sec.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {sec.text}
                  </Text>
                </Stack>
              </Group>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      {info.error && <ErrorAlert error={info.error} onRetry={info.refetch} />}
      {!info.data && !info.error && <PageSkeleton lines={6} />}
      {info.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <SectionCard title="Installatie" icon={<IconDatabase size={20} />} testId="settings-install">
            <Facts
              items={[
                ['Versie', info.data.appVersion],
                ['Databaseschema', `versie ${info.data.schemaVersion}`],
                ['Omgeving', HOST_LABELS[info.data.host]],
                ['Database', <Code key="db" style={{ wordBreak: 'break-all' }}>{info.data.databasePath}</Code>],
              ]}
            />
          </SectionCard>
          <SectionCard title="Regio" icon={<IconMap2 size={20} />} testId="settings-region">
            {info.data.region ? (
              <Facts
                items={[
                  [
                    'Naam',
                    <span key="name">
                      {info.data.region.name}{' '}
                      {info.data.region.fictional && (
                        <Badge color="orange" size="sm" variant="light">
                          fictief
                        </Badge>
                      )}
                    </span>,
                  ],
                  ['Peildatum', formatDate(info.data.region.referenceDate)],
                  ['Kandidaten', formatCount(info.data.counts.clients)],
                  ['Woningen', formatCount(info.data.counts.units)],
                  ['Gemeenten', formatCount(info.data.counts.municipalities)],
                  ...(info.data.region.description ? [['Beschrijving', info.data.region.description] as [string, string]] : []),
                ]}
              />
            ) : (
              <None>Nog geen regio ingelezen.</None>
            )}
          </SectionCard>
        </SimpleGrid>
      )}

      <SectionCard title="Beleid" icon={<IconScale size={20} />} testId="settings-policy">
        {reference.error && <ErrorAlert error={reference.error} onRetry={reference.refetch} />}
        {reference.data &&
          (policy ? (
            <Facts
              labelWidth={230}
              items={[
                ['Beleidsprofiel', policy.name],
                ['Geldig vanaf', formatDate(policy.validFrom)],
                ['Voorwaarden duurzame uitstroom', `${policy.settings.readinessItems.length} voorwaarden`],
              ]}
            />
          ) : (
            <None>Geen beleidsprofiel ingesteld.</None>
          ))}
      </SectionCard>

      <UsersSection />
      <AccountSection />

      {can('backups.list') && <BackupsSection />}
      {can('privacy.settings') && <PrivacySection />}

      <SectionCard title="Logboek" icon={<IconHistory size={20} />} testId="settings-audit">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            De laatste {AUDIT_LIMIT} handelingen: inzage in gevoelige gegevens, imports en exports.
          </Text>
          {audit.error && <ErrorAlert error={audit.error} onRetry={audit.refetch} />}
          {!audit.data && !audit.error && <PageSkeleton lines={4} />}
          {audit.data && audit.data.length === 0 && <None>Het logboek is nog leeg.</None>}
          {audit.data && audit.data.length > 0 && (
            <Table.ScrollContainer minWidth={700} type="native">
              <Table striped fz="sm" verticalSpacing={4} data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Tijdstip</Table.Th>
                    <Table.Th>Door</Table.Th>
                    <Table.Th>Handeling</Table.Th>
                    <Table.Th>Onderwerp</Table.Th>
                    <Table.Th>Toelichting</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {audit.data.map((entry) => {
                    const line = auditLine(entry, names);
                    return (
                      <Table.Tr key={entry.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoment(entry.at)}</Table.Td>
                        <Table.Td>{names.person(entry.actor)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.action}</Table.Td>
                        <Table.Td>{line.subject}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.detail || <None>—</None>}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </SectionCard>
    </Stack>
  );
}
