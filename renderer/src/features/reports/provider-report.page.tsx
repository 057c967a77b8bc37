// Rapportages → Zorgaanbieder: the care provider's match report — pick the provider (a provider worker's
// own is fixed) and a period or a round, see the document, download it as PDF, Excel or CSV. Runs in the
// renderer; data from `reports.provider`, `reference.get`, `rounds.list` (chair).
import { Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '../../api/use-query.hook';
import { useUrlFilters } from '../../ui/url-filters.hook';
import { useCan, useSessionUser } from '../auth/auth.context';
import { OrganisationChoice } from './organisation-choice.component';
import { PeriodInputs } from './period-inputs.component';
import { ReportResult } from './report-result.component';
import { RoundSelect } from './round-select.component';
import { useUrlPeriod } from './use-url-period.hook';

export function ProviderReportPage() {
  const url = useUrlFilters();
  const can = useCan();
  const user = useSessionUser();
  const reference = useQuery('reference.get', {});
  const { fallback, period, inputs } = useUrlPeriod(url);
  const fixed = user.role === 'provider' ? user.careProviderId : null;
  const providerId = fixed ?? (url.one('zorgaanbieder') || null);
  const byRound = can('rounds.list') && url.one('op') === 'ronde';
  const roundText = url.one('ronde');
  const roundId = /^\d+$/.test(roundText) ? Number(roundText) : null;

  const ready = providerId !== null && (byRound ? roundId !== null : period !== null);
  const scope = byRound ? { roundId: roundId ?? 0 } : (period ?? fallback);

  return (
    <Stack gap="md" data-testid="provider-report-page">
      <Card withBorder radius="md" padding="md" data-testid="provider-report-params">
        <Group gap="lg" align="flex-start" wrap="wrap">
          <OrganisationChoice
            label="Zorgaanbieder"
            options={reference.data?.careProviders ?? []}
            value={providerId}
            onChange={(v) => url.set('zorgaanbieder', v)}
            fixed={fixed}
            testId="report-provider"
          />
          {can('rounds.list') && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="provider-report-scope">
                Over
              </Text>
              <SegmentedControl
                aria-labelledby="provider-report-scope"
                value={byRound ? 'ronde' : 'periode'}
                onChange={(v) => url.set('op', v === 'ronde' ? 'ronde' : null)}
                data={[
                  { value: 'periode', label: 'Een periode' },
                  { value: 'ronde', label: 'Eén ronde' },
                ]}
                data-testid="provider-report-scope"
              />
            </Stack>
          )}
          {byRound ? (
            <RoundSelect value={roundId} onChange={(v) => url.set('ronde', v === null ? null : String(v))} testId="provider-report-round" />
          ) : (
            <PeriodInputs {...inputs} testId="provider-report-period" />
          )}
        </Group>
      </Card>
      {ready && providerId ? (
        <ReportResult
          method="reports.provider"
          input={{ careProviderId: providerId, ...scope }}
          request={{ report: 'provider', careProviderId: providerId, ...scope }}
        />
      ) : (
        <Text c="dimmed" size="sm" data-testid="provider-report-prompt">
          {providerId === null ? 'Kies een zorgaanbieder.' : byRound ? 'Kies een ronde.' : 'Vul een geldige periode in.'}
        </Text>
      )}
    </Stack>
  );
}
