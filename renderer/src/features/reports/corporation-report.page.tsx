// Rapportages → Corporatie: the corporation report — pick the corporation (a liaison's own is fixed) and
// a period, see the document (housing facts only), download it as PDF, Excel or CSV. Runs in the renderer;
// data from `reports.corporation`, `reference.get`.
import { Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '../../api/use-query.hook';
import { useUrlFilters } from '../../ui/url-filters.hook';
import { useSessionUser } from '../auth/auth.context';
import { OrganisationChoice } from './organisation-choice.component';
import { PeriodInputs } from './period-inputs.component';
import { ReportResult } from './report-result.component';
import { useUrlPeriod } from './use-url-period.hook';

export function CorporationReportPage() {
  const url = useUrlFilters();
  const user = useSessionUser();
  const reference = useQuery('reference.get', {});
  const { period, inputs } = useUrlPeriod(url);
  const fixed = user.role === 'liaison' ? user.corporationId : null;
  const corporationId = fixed ?? (url.one('corporatie') || null);

  return (
    <Stack gap="md" data-testid="corporation-report-page">
      <Card withBorder radius="md" padding="md" data-testid="corporation-report-params">
        <Group gap="lg" align="flex-start" wrap="wrap">
          <OrganisationChoice
            label="Corporatie"
            options={reference.data?.corporations ?? []}
            value={corporationId}
            onChange={(v) => url.set('corporatie', v)}
            fixed={fixed}
            testId="report-corporation"
          />
          <PeriodInputs {...inputs} testId="corporation-report-period" />
        </Group>
      </Card>
      {corporationId && period ? (
        <ReportResult
          method="reports.corporation"
          input={{ corporationId, ...period }}
          request={{ report: 'corporation', corporationId, ...period }}
        />
      ) : (
        <Text c="dimmed" size="sm" data-testid="corporation-report-prompt">
          {corporationId === null ? 'Kies een corporatie.' : 'Vul een geldige periode in.'}
        </Text>
      )}
    </Stack>
  );
}
