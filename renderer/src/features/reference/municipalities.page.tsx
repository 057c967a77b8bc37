// Gemeenten: the region's municipalities by CBS code with validity dates; add, edit, end (merger) or
// delete an unused one. Runs in the renderer; data from `municipalities.list`, writes via `municipalities.*`.
import { Badge, Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { MunicipalityRow } from '../../../../shared/api/reference.contract';
import { useQuery } from '../../api/use-query.hook';
import { DateField } from '../../ui/date-field.component';
import { dateTextProblem } from '../../ui/date-text.util';
import { formatCount, formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { EditModal, ReferenceHeader, useMutation } from './reference-ui.component';

interface Draft {
  mode: 'create' | 'update';
  code: string;
  name: string;
  validFrom: string;
  validTo: string;
  /** Update: the version the edit started from. */
  expectedVersion?: number;
}

const FIELDS = ['code', 'name', 'validFrom', 'validTo'];

export function MunicipalitiesPage() {
  const list = useQuery('municipalities.list', {});
  const save = useMutation('municipalities.save');
  const remove = useMutation('municipalities.delete');
  const [draft, setDraft] = useState<Draft | null>(null);

  const open = (row?: MunicipalityRow) => {
    save.reset();
    remove.reset();
    setDraft(
      row
        ? { mode: 'update', code: row.code, name: row.name, validFrom: row.validFrom, validTo: row.validTo ?? '', expectedVersion: row.version }
        : { mode: 'create', code: 'GM', name: '', validFrom: '', validTo: '' },
    );
  };
  const submit = async () => {
    if (!draft) return;
    if (dateTextProblem(draft.validFrom) || dateTextProblem(draft.validTo)) return; // shown at the fields
    const out = await save.run({ ...draft, validTo: draft.validTo || null });
    if (out) {
      setDraft(null);
      list.refetch();
    }
  };
  const del = async () => {
    if (!draft) return;
    if (await remove.run({ code: draft.code })) {
      setDraft(null);
      list.refetch();
    }
  };
  // After a STALE refusal: drop the edit and fetch the latest rows (open the record again to edit it).
  const reloadLatest = () => {
    save.reset();
    setDraft(null);
    list.refetch();
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  return (
    <Stack gap="md" data-testid="municipalities-page">
      <ReferenceHeader
        title="Gemeenten"
        intro="Gemeenten op CBS-code met geldigheidsdatums. Een gemeente die opgaat in een fusie krijgt een einddatum; verwijderen kan alleen zolang niets naar haar verwijst."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid="add-municipality">
            Gemeente toevoegen
          </Button>
        }
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
      {!list.data && !list.error && <PageSkeleton />}
      {list.data && (
        <Table striped highlightOnHover fz="sm" data-testid="municipality-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>CBS-code</Table.Th>
              <Table.Th>Naam</Table.Th>
              <Table.Th>Geldig vanaf</Table.Th>
              <Table.Th>Geldig tot</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Kandidaten (herkomst)</Table.Th>
              <Table.Th ta="right">Woningen</Table.Th>
              <Table.Th ta="right">Buurten</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((m) => (
              <Table.Tr key={m.code} onClick={() => open(m)} style={{ cursor: 'pointer' }} data-testid={`municipality-row-${m.code}`}>
                <Table.Td fw={600}>{m.code}</Table.Td>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{formatDate(m.validFrom)}</Table.Td>
                <Table.Td>{formatDate(m.validTo)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={m.ended ? 'gray' : 'teal'} size="sm">
                    {m.ended ? 'Beëindigd' : 'Actief'}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatCount(m.clients)}</Table.Td>
                <Table.Td ta="right">{formatCount(m.units)}</Table.Td>
                <Table.Td ta="right">{formatCount(m.neighbourhoods)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data?.length === 0 && <Text c="dimmed">Nog geen gemeenten.</Text>}

      <EditModal
        opened={draft !== null}
        title={draft?.mode === 'update' ? `Gemeente ${draft.code} wijzigen` : 'Gemeente toevoegen'}
        onClose={() => setDraft(null)}
        onSave={submit}
        {...(draft?.mode === 'update' ? { onDelete: del } : {})}
        busy={save.busy || remove.busy}
        error={save.error ?? remove.error}
        fields={FIELDS}
        testId="municipality-modal"
        onReload={reloadLatest}
      >
        {draft && (
          <>
            <TextInput
              label="CBS-code"
              description="GM en vier cijfers, bijvoorbeeld GM0034"
              value={draft.code}
              disabled={draft.mode === 'update'}
              onChange={(e) => set({ code: e.currentTarget.value.toUpperCase() })}
              error={save.fieldError('code')}
              data-testid="field-code"
            />
            <TextInput label="Naam" value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={save.fieldError('name')} data-testid="field-name" />
            <DateField
              label="Geldig vanaf"
              value={draft.validFrom}
              onChange={(v) => set({ validFrom: v })}
              error={save.fieldError('validFrom')}
              data-testid="field-validFrom"
            />
            <DateField
              label="Geldig tot"
              description="Leeg laten zolang de gemeente bestaat; bij een fusie de laatste dag"
              value={draft.validTo}
              onChange={(v) => set({ validTo: v })}
              error={save.fieldError('validTo')}
              data-testid="field-validTo"
            />
          </>
        )}
      </EditModal>
    </Stack>
  );
}
