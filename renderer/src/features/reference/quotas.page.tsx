// Afspraken: quotas per corporation × municipality × year (agreed number, maximum or target) with
// the use so far, computed from the placements of that year. Runs in the renderer; data from
// `quotas.list`, writes via `quotas.*`.
import { Badge, Button, Group, NumberInput, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { QuotaRow } from '../../../../shared/api/reference.contract';
import { QUOTA_KINDS, QUOTA_KIND_LABELS, type QuotaKind } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { formatCount } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { EditModal, ReferenceHeader, numOrNull, useMutation } from './reference-ui.component';
import { formatPercent } from '../../../../shared/reports/format-nl';

interface Draft {
  mode: 'create' | 'update';
  corporationId: string | null;
  municipalityCode: string | null;
  year: number | string;
  agreed: number | string;
  kind: QuotaKind;
  /** Update: the version the edit started from. */
  expectedVersion?: number;
}

const FIELDS = ['corporationId', 'municipalityCode', 'year', 'agreed', 'kind'];

export function QuotasPage() {
  const list = useQuery('quotas.list', {});
  const corporations = useQuery('corporations.list', {});
  const municipalities = useQuery('municipalities.list', {});
  const save = useMutation('quotas.save');
  const remove = useMutation('quotas.delete');
  const [draft, setDraft] = useState<Draft | null>(null);
  const thisYear = new Date().getFullYear();
  const years = useMemo(() => [...new Set([thisYear, ...(list.data ?? []).map((q) => q.year)])].sort((a, b) => b - a), [list.data, thisYear]);
  // Default: this year, or the latest year with agreements when this year has none yet.
  const [chosenYear, setYear] = useState<string | null>(null);
  const dataYears = new Set((list.data ?? []).map((q) => q.year));
  const year = chosenYear ?? String(dataYears.has(thisYear) || dataYears.size === 0 ? thisYear : Math.max(...dataYears));
  const rows = (list.data ?? []).filter((q) => String(q.year) === year);

  const open = (row?: QuotaRow) => {
    save.reset();
    remove.reset();
    setDraft(
      row
        ? { mode: 'update', corporationId: row.corporationId, municipalityCode: row.municipalityCode, year: row.year, agreed: row.agreed, kind: row.kind, expectedVersion: row.version }
        : { mode: 'create', corporationId: null, municipalityCode: null, year: Number(year), agreed: '', kind: 'maximum' },
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
      corporationId: draft.corporationId ?? '',
      municipalityCode: draft.municipalityCode ?? '',
      year: numOrNull(draft.year) ?? Number.NaN,
      agreed: numOrNull(draft.agreed) ?? Number.NaN,
      kind: draft.kind,
      ...(draft.expectedVersion !== undefined ? { expectedVersion: draft.expectedVersion } : {}),
    });
    if (out) {
      setDraft(null);
      setYear(String(out.year));
      list.refetch();
    }
  };
  const del = async () => {
    if (!draft?.corporationId || !draft.municipalityCode) return;
    if (await remove.run({ corporationId: draft.corporationId, municipalityCode: draft.municipalityCode, year: Number(draft.year) })) {
      setDraft(null);
      list.refetch();
    }
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  return (
    <Stack gap="md" data-testid="quotas-page">
      <ReferenceHeader
        title="Afspraken"
        intro="Quota per woningcorporatie en gemeente per jaar (contingent, kanswoningen): een maximum of een afgesproken aantal. Gebruikt = plaatsingen in dat jaar met die corporatie in die gemeente."
        action={
          <Group gap="sm" align="flex-end">
            <Select
              label="Jaar"
              data={years.map(String)}
              value={year}
              onChange={(v) => v && setYear(v)}
              w={110}
              allowDeselect={false}
              data-testid="quota-year"
            />
            <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid="add-quota">
              Afspraak toevoegen
            </Button>
          </Group>
        }
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
      {!list.data && !list.error && <PageSkeleton />}
      {list.data && (
        <Table striped highlightOnHover fz="sm" data-testid="quota-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Corporatie</Table.Th>
              <Table.Th>Gemeente</Table.Th>
              <Table.Th>Soort</Table.Th>
              <Table.Th ta="right">Afgesproken</Table.Th>
              <Table.Th ta="right">Gebruikt</Table.Th>
              <Table.Th ta="right">Resterend</Table.Th>
              <Table.Th w={200}>Realisatie</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((q) => {
              const share = q.agreed > 0 ? Math.min(100, (q.used / q.agreed) * 100) : q.used > 0 ? 100 : 0;
              const over = q.used > q.agreed;
              return (
                <Table.Tr
                  key={`${q.corporationId}/${q.municipalityCode}`}
                  onClick={() => open(q)}
                  style={{ cursor: 'pointer' }}
                  data-testid={`quota-row-${q.corporationId}-${q.municipalityCode}`}
                >
                  <Table.Td>{q.corporationName}</Table.Td>
                  <Table.Td>{q.municipalityName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm" color={q.kind === 'maximum' ? 'indigo' : 'teal'}>
                      {QUOTA_KIND_LABELS[q.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(q.agreed)}</Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="quota-used">
                    {formatCount(q.used)}
                  </Table.Td>
                  <Table.Td ta="right" c={over ? 'red' : undefined}>
                    {formatCount(q.remaining)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={share} color={over ? 'red' : 'teal'} w={120} aria-label={`${formatPercent(share)} gebruikt`} />
                      <Text size="xs" c="dimmed">
                        {formatPercent(share)}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed" size="sm" ta="center" py="sm">
                    Geen afspraken voor {year}.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}

      <EditModal
        opened={draft !== null}
        title={draft?.mode === 'update' ? 'Afspraak wijzigen' : 'Afspraak toevoegen'}
        onClose={() => setDraft(null)}
        onSave={submit}
        {...(draft?.mode === 'update' ? { onDelete: del } : {})}
        busy={save.busy || remove.busy}
        error={save.error ?? remove.error}
        fields={FIELDS}
        testId="quota-modal"
        onReload={reloadLatest}
      >
        {draft && (
          <>
            <Select
              label="Woningcorporatie"
              data={(corporations.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={draft.corporationId}
              onChange={(v) => set({ corporationId: v })}
              disabled={draft.mode === 'update'}
              error={save.fieldError('corporationId')}
            />
            <Select
              label="Gemeente"
              data={(municipalities.data ?? []).map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
              value={draft.municipalityCode}
              onChange={(v) => set({ municipalityCode: v })}
              disabled={draft.mode === 'update'}
              error={save.fieldError('municipalityCode')}
              searchable
            />
            <NumberInput
              label="Jaar"
              value={draft.year}
              onChange={(v) => set({ year: v })}
              disabled={draft.mode === 'update'}
              allowDecimal={false}
              thousandSeparator={false}
              error={save.fieldError('year')}
            />
            <NumberInput
              label="Aantal woningen"
              value={draft.agreed}
              onChange={(v) => set({ agreed: v })}
              allowDecimal={false}
              error={save.fieldError('agreed')}
            />
            <Select
              label="Soort afspraak"
              description="Maximum: de ronde gaat er niet overheen; afgesproken aantal: een streefgetal"
              data={QUOTA_KINDS.map((k) => ({ value: k, label: QUOTA_KIND_LABELS[k] }))}
              value={draft.kind}
              onChange={(v) => v && set({ kind: v as QuotaKind })}
              allowDeselect={false}
              error={save.fieldError('kind')}
            />
          </>
        )}
      </EditModal>
    </Stack>
  );
}
