// A select of the rounds of the table by number, date and status ("Ronde 3 · 04-12-2026 · Afgerond"),
// newest first. Only for roles that may list rounds. Runs in the renderer; data from `rounds.list`.
import { Select } from '@mantine/core';
import { useQuery } from '../../api/use-query.hook';
import { formatDate } from '../../ui/format.util';
import { ROUND_STATUS_LABELS } from '../round/rounds-list.page';

export interface RoundSelectProps {
  value: number | null;
  onChange: (id: number | null) => void;
  testId: string;
}

export function RoundSelect({ value, onChange, testId }: RoundSelectProps) {
  const rounds = useQuery('rounds.list', {});
  const data = [...(rounds.data ?? [])]
    .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
    .map((r) => ({ value: String(r.id), label: `Ronde ${r.id} · ${formatDate(r.date)} · ${ROUND_STATUS_LABELS[r.status]}` }));
  return (
    <Select
      label="Ronde"
      placeholder={rounds.data && data.length === 0 ? 'Nog geen ronden' : 'Kies een ronde…'}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      error={rounds.error?.message}
      w={320}
      data-testid={testId}
    />
  );
}
