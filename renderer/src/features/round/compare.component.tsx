// "Vergelijk": two versions of a round's proposal side by side — which pairs are new, gone or moved,
// and both sets of figures. Pure presentation over `rounds.compare`; runs in the renderer.
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { CompareOutput } from '../../../../shared/api/rounds.contract';
import { plural } from '../../ui/format.util';
import { type RoundNames, formatPoints } from './explanation.component';
import { FiguresPanel } from './figures.component';

type ChangeKind = 'only-a' | 'only-b' | 'moved';
interface ChangeRow {
  clientId: string;
  inA: string | null;
  inB: string | null;
  kind: ChangeKind;
}

/** Every client whose home differs between the two versions, in code order. */
export function changeRows(c: CompareOutput): ChangeRow[] {
  const rows: ChangeRow[] = [
    ...c.onlyInA.filter((p) => !c.moved.some((m) => m.clientId === p.clientId)).map((p) => ({ clientId: p.clientId, inA: p.unitId, inB: null, kind: 'only-a' as const })),
    ...c.onlyInB.filter((p) => !c.moved.some((m) => m.clientId === p.clientId)).map((p) => ({ clientId: p.clientId, inA: null, inB: p.unitId, kind: 'only-b' as const })),
    ...c.moved.map((m) => ({ clientId: m.clientId, inA: m.fromUnitId, inB: m.toUnitId, kind: 'moved' as const })),
  ];
  return rows.sort((x, y) => x.clientId.localeCompare(y.clientId));
}

export function ProposalComparison({
  compare,
  names,
  corporationName,
}: {
  compare: CompareOutput;
  names: RoundNames;
  corporationName: (id: string) => string;
}) {
  const a = `Versie ${compare.a.version}`;
  const b = `Versie ${compare.b.version}`;
  const rows = changeRows(compare);
  const badge: Record<ChangeKind, { label: string; color: string }> = {
    'only-a': { label: `Alleen in ${a.toLowerCase()}`, color: 'red' },
    'only-b': { label: `Alleen in ${b.toLowerCase()}`, color: 'green' },
    moved: { label: 'Andere woning', color: 'blue' },
  };
  return (
    <Stack gap="md" data-testid="comparison">
      <FiguresPanel
        corporationName={corporationName}
        municipalityName={names.municipality}
        columns={[
          { title: a, figures: compare.a.figures, totalScore: compare.a.totalScore, testId: 'compare-a' },
          { title: b, figures: compare.b.figures, totalScore: compare.b.totalScore, testId: 'compare-b' },
        ]}
      />
      <Title order={5}>Wat is er veranderd</Title>
      <Text size="sm" c="dimmed">
        {plural(compare.unchanged.length, 'koppeling is', 'koppelingen zijn')} gelijk gebleven; totaalscore {formatPoints(compare.a.totalScore)} →{' '}
        {formatPoints(compare.b.totalScore)}.
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" data-testid="compare-nochange">
          Geen verschil in koppelingen.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} data-testid="compare-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kandidaat</Table.Th>
              <Table.Th>{a}</Table.Th>
              <Table.Th>{b}</Table.Th>
              <Table.Th>Verandering</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.clientId}-${r.kind}`}>
                <Table.Td>{names.client(r.clientId)}</Table.Td>
                <Table.Td>{r.inA ? names.unit(r.inA) : '—'}</Table.Td>
                <Table.Td>{r.inB ? names.unit(r.inB) : '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={badge[r.kind].color}>
                    {badge[r.kind].label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
