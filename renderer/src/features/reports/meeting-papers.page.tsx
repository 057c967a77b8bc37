// Rapportages → Vergaderstukken (chair): per round the agenda before the meeting and the minutes after
// it — pick the round and the paper, see it, download it as PDF, Excel or CSV. Pseudonymous throughout.
// Runs in the renderer; data from `reports.agenda`, `reports.minutes`, `rounds.list`.
import { Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useUrlFilters } from '../../ui/url-filters.hook';
import { ReportResult } from './report-result.component';
import { RoundSelect } from './round-select.component';

export function MeetingPapersPage() {
  const url = useUrlFilters();
  const roundText = url.one('ronde');
  const roundId = /^\d+$/.test(roundText) ? Number(roundText) : null;
  const paper = url.one('stuk') === 'notulen' ? 'minutes' : 'agenda';

  return (
    <Stack gap="md" data-testid="meeting-papers-page">
      <Card withBorder radius="md" padding="md" data-testid="meeting-papers-params">
        <Group gap="lg" align="flex-start" wrap="wrap">
          <RoundSelect value={roundId} onChange={(v) => url.set('ronde', v === null ? null : String(v))} testId="meeting-round" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="meeting-paper-label">
              Stuk
            </Text>
            <SegmentedControl
              aria-labelledby="meeting-paper-label"
              value={paper}
              onChange={(v) => url.set('stuk', v === 'minutes' ? 'notulen' : null)}
              data={[
                { value: 'agenda', label: 'Agenda (vooraf)' },
                { value: 'minutes', label: 'Notulen (achteraf)' },
              ]}
              data-testid="meeting-paper"
            />
          </Stack>
        </Group>
      </Card>
      {roundId === null ? (
        <Text c="dimmed" size="sm" data-testid="meeting-papers-prompt">
          Kies een ronde.
        </Text>
      ) : paper === 'agenda' ? (
        <ReportResult key="agenda" method="reports.agenda" input={{ roundId }} request={{ report: 'agenda', roundId }} />
      ) : (
        <ReportResult key="minutes" method="reports.minutes" input={{ roundId }} request={{ report: 'minutes', roundId }} />
      )}
    </Stack>
  );
}
