// Corporaties en zorgaanbieders: the housing corporations and care providers of the region (code
// and name); add, rename, or delete one nothing refers to. Runs in the renderer; data from
// `corporations.list` and `careProviders.list`, writes via their save/delete methods.
import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconBuildingCommunity, IconHeartHandshake, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { OrganisationRow } from '../../../../shared/api/reference.contract';
import { useQuery } from '../../api/use-query.hook';
import { SectionCard } from '../../ui/detail-blocks.component';
import { formatCount } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { EditModal, ReferenceHeader, useMutation } from './reference-ui.component';

export function OrganisationsPage() {
  return (
    <Stack gap="md" data-testid="organisations-page">
      <ReferenceHeader
        title="Corporaties en zorgaanbieders"
        intro="De woningcorporaties die woningen aanbieden en de zorgaanbieders die kandidaten aanmelden en begeleiden. De code is vast; de naam kan worden gewijzigd."
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <OrganisationList kind="corporations" />
        <OrganisationList kind="careProviders" />
      </SimpleGrid>
    </Stack>
  );
}

const TEXT = {
  corporations: {
    title: 'Woningcorporaties',
    noun: 'corporatie',
    countLabel: 'Woningen',
    add: 'Corporatie toevoegen',
    icon: <IconBuildingCommunity size={20} />,
  },
  careProviders: {
    title: 'Zorgaanbieders',
    noun: 'zorgaanbieder',
    countLabel: 'Kandidaten',
    add: 'Zorgaanbieder toevoegen',
    icon: <IconHeartHandshake size={20} />,
  },
} as const;

interface Draft {
  mode: 'create' | 'update';
  id: string;
  name: string;
  /** Update: the version the edit started from. */
  expectedVersion?: number;
}

function OrganisationList({ kind }: { kind: 'corporations' | 'careProviders' }) {
  const t = TEXT[kind];
  const list = useQuery(kind === 'corporations' ? 'corporations.list' : 'careProviders.list', {});
  const saveCorp = useMutation('corporations.save');
  const saveProv = useMutation('careProviders.save');
  const delCorp = useMutation('corporations.delete');
  const delProv = useMutation('careProviders.delete');
  const save = kind === 'corporations' ? saveCorp : saveProv;
  const remove = kind === 'corporations' ? delCorp : delProv;
  const [draft, setDraft] = useState<Draft | null>(null);

  const open = (row?: OrganisationRow) => {
    save.reset();
    remove.reset();
    setDraft(row ? { mode: 'update', id: row.id, name: row.name, expectedVersion: row.version } : { mode: 'create', id: '', name: '' });
  };
  // After a STALE refusal: drop the edit and fetch the latest rows (open the record again to edit it).
  const reloadLatest = () => {
    save.reset();
    setDraft(null);
    list.refetch();
  };
  const submit = async () => {
    if (draft && (await save.run(draft))) {
      setDraft(null);
      list.refetch();
    }
  };
  const del = async () => {
    if (draft && (await remove.run({ id: draft.id }))) {
      setDraft(null);
      list.refetch();
    }
  };

  return (
    <SectionCard title={t.title} icon={t.icon} testId={`${kind}-card`}>
      <Stack gap="sm">
        <Group justify="flex-end">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => open()} data-testid={`add-${kind}`}>
            {t.add}
          </Button>
        </Group>
        {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
        {!list.data && !list.error && <PageSkeleton lines={3} />}
        {list.data && (
          <Table striped highlightOnHover fz="sm" data-testid={`${kind}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Naam</Table.Th>
                <Table.Th ta="right">{t.countLabel}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((o) => (
                <Table.Tr key={o.id} onClick={() => open(o)} style={{ cursor: 'pointer' }} data-testid={`${kind}-row-${o.id}`}>
                  <Table.Td fw={600}>{o.id}</Table.Td>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td ta="right">{formatCount(o.count)}</Table.Td>
                </Table.Tr>
              ))}
              {list.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed" size="sm">
                      Nog geen {t.title.toLowerCase()}.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <EditModal
        opened={draft !== null}
        title={draft?.mode === 'update' ? `${t.noun[0]?.toUpperCase()}${t.noun.slice(1)} ${draft.id} wijzigen` : t.add}
        onClose={() => setDraft(null)}
        onSave={submit}
        {...(draft?.mode === 'update' ? { onDelete: del } : {})}
        busy={save.busy || remove.busy}
        error={save.error ?? remove.error}
        fields={['id', 'name']}
        testId={`${kind}-modal`}
        onReload={reloadLatest}
      >
        {draft && (
          <>
            <TextInput
              label="Code"
              description="Vaste code: letters, cijfers, punt en streepjes, bijvoorbeeld corp-polderhuis"
              value={draft.id}
              disabled={draft.mode === 'update'}
              onChange={(e) => {
                const id = e.currentTarget.value;
                setDraft((d) => (d ? { ...d, id } : d));
              }}
              error={save.fieldError('id')}
              data-testid="field-id"
            />
            <TextInput
              label="Naam"
              value={draft.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setDraft((d) => (d ? { ...d, name } : d));
              }}
              error={save.fieldError('name')}
              data-testid="field-name"
            />
          </>
        )}
      </EditModal>
    </SectionCard>
  );
}
