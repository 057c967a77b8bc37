// Buurten: neighbourhoods by CBS buurtcode with their load indicators (share of social rent,
// Leefbaarometer class) and the placements of the last 12 months, computed by the backend.
// Runs in the renderer; data from `neighbourhoods.list`, writes via `neighbourhoods.*`.
import { Button, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { NeighbourhoodRow } from '../../../../shared/api/reference.contract';
import { useQuery } from '../../api/use-query.hook';
import { formatCount } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { EditModal, ReferenceHeader, numOrNull, useMutation } from './reference-ui.component';
import { formatPercent } from '../../../../shared/reports/format-nl';

interface Draft {
  mode: 'create' | 'update';
  code: string;
  name: string;
  municipalityCode: string | null;
  district: string;
  socialRentShare: number | string;
  liveabilityClass: number | string;
  /** Update: the version the edit started from. */
  expectedVersion?: number;
}

const FIELDS = ['code', 'name', 'municipalityCode', 'district', 'socialRentShare', 'liveabilityClass'];

export function NeighbourhoodsPage() {
  const list = useQuery('neighbourhoods.list', {});
  const municipalities = useQuery('municipalities.list', {});
  const save = useMutation('neighbourhoods.save');
  const remove = useMutation('neighbourhoods.delete');
  const [draft, setDraft] = useState<Draft | null>(null);

  const open = (row?: NeighbourhoodRow) => {
    save.reset();
    remove.reset();
    setDraft(
      row
        ? {
            mode: 'update',
            code: row.code,
            name: row.name,
            municipalityCode: row.municipalityCode,
            district: row.district ?? '',
            socialRentShare: row.socialRentShare ?? '',
            liveabilityClass: row.liveabilityClass ?? '',
            expectedVersion: row.version,
          }
        : { mode: 'create', code: 'BU', name: '', municipalityCode: null, district: '', socialRentShare: '', liveabilityClass: '' },
    );
  };
  // After a STALE refusal: drop the edit and fetch the latest rows (open the record again to edit it).
  const reloadLatest = () => {
    save.reset();
    setDraft(null);
    list.refetch();
  };
  const submit = async () => {
    if (!draft) return;
    const out = await save.run({
      mode: draft.mode,
      code: draft.code,
      name: draft.name,
      municipalityCode: draft.municipalityCode ?? '',
      district: draft.district.trim() || null,
      socialRentShare: numOrNull(draft.socialRentShare),
      liveabilityClass: numOrNull(draft.liveabilityClass),
      ...(draft.expectedVersion !== undefined ? { expectedVersion: draft.expectedVersion } : {}),
    });
    if (out) {
      setDraft(null);
      list.refetch();
    }
  };
  const del = async () => {
    if (draft && (await remove.run({ code: draft.code }))) {
      setDraft(null);
      list.refetch();
    }
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  return (
    <Stack gap="md" data-testid="neighbourhoods-page">
      <ReferenceHeader
        title="Buurten"
        intro="Buurten op CBS-buurtcode met de cijfers voor de draagkracht: aandeel sociale huur, Leefbaarometer-klasse (1 zeer onvoldoende – 9 uitstekend) en het aantal plaatsingen in de laatste 12 maanden (berekend uit de plaatsingen)."
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid="add-neighbourhood">
            Buurt toevoegen
          </Button>
        }
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
      {!list.data && !list.error && <PageSkeleton />}
      {list.data && (
        <Table striped highlightOnHover fz="sm" data-testid="neighbourhood-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Buurtcode</Table.Th>
              <Table.Th>Naam</Table.Th>
              <Table.Th>Gemeente</Table.Th>
              <Table.Th>Wijk</Table.Th>
              <Table.Th ta="right">Sociale huur</Table.Th>
              <Table.Th ta="right">Leefbaarometer</Table.Th>
              <Table.Th ta="right">Plaatsingen laatste 12 maanden</Table.Th>
              <Table.Th ta="right">Woningen</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((n) => (
              <Table.Tr key={n.code} onClick={() => open(n)} style={{ cursor: 'pointer' }} data-testid={`neighbourhood-row-${n.code}`}>
                <Table.Td fw={600}>{n.code}</Table.Td>
                <Table.Td>{n.name}</Table.Td>
                <Table.Td>{n.municipalityName}</Table.Td>
                <Table.Td>{n.district ?? '—'}</Table.Td>
                <Table.Td ta="right">{n.socialRentShare === null ? '—' : formatPercent(n.socialRentShare * 100)}</Table.Td>
                <Table.Td ta="right">{n.liveabilityClass ?? '—'}</Table.Td>
                <Table.Td ta="right" fw={n.placementsLast12Months > 0 ? 600 : undefined}>
                  {formatCount(n.placementsLast12Months)}
                </Table.Td>
                <Table.Td ta="right">{formatCount(n.units)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <EditModal
        opened={draft !== null}
        title={draft?.mode === 'update' ? `Buurt ${draft.code} wijzigen` : 'Buurt toevoegen'}
        onClose={() => setDraft(null)}
        onSave={submit}
        {...(draft?.mode === 'update' ? { onDelete: del } : {})}
        busy={save.busy || remove.busy}
        error={save.error ?? remove.error}
        fields={FIELDS}
        testId="neighbourhood-modal"
        onReload={reloadLatest}
      >
        {draft && (
          <>
            <TextInput
              label="Buurtcode"
              description="BU, de vier cijfers van de gemeente, wijk en buurt: bijvoorbeeld BU00340101"
              value={draft.code}
              disabled={draft.mode === 'update'}
              onChange={(e) => set({ code: e.currentTarget.value.toUpperCase() })}
              error={save.fieldError('code')}
            />
            <TextInput label="Naam" value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={save.fieldError('name')} />
            <Select
              label="Gemeente"
              data={(municipalities.data ?? []).map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
              value={draft.municipalityCode}
              onChange={(v) => set({ municipalityCode: v })}
              error={save.fieldError('municipalityCode')}
              searchable
            />
            <TextInput label="Wijk" value={draft.district} onChange={(e) => set({ district: e.currentTarget.value })} error={save.fieldError('district')} />
            <NumberInput
              label="Aandeel sociale huur"
              description="Tussen 0 en 1, bijvoorbeeld 0,38 voor 38%; leeg als onbekend"
              value={draft.socialRentShare}
              onChange={(v) => set({ socialRentShare: v })}
              decimalSeparator=","
              decimalScale={3}
              error={save.fieldError('socialRentShare')}
            />
            <NumberInput
              label="Leefbaarometer-klasse"
              description="1 (zeer onvoldoende) tot 9 (uitstekend); leeg als onbekend"
              value={draft.liveabilityClass}
              onChange={(v) => set({ liveabilityClass: v })}
              error={save.fieldError('liveabilityClass')}
            />
          </>
        )}
      </EditModal>
    </Stack>
  );
}
