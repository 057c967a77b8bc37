// Rapportages → Corporatie: the corporation report — pick the corporation (a liaison's own is fixed) and
// a period, see the document (housing facts only), download it as PDF, Excel or CSV. Runs in the renderer;
// data from `reports.corporation`, `reference.get`.
import { Card, Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useQuery } from '../../api/use-query.hook';
import { useUrlFilters } from '../../ui/url-filters.hook';
import { useSessionUser } from '../auth/auth.context';
import { OrganisationChoice } from './organisation-choice.component';
import { PeriodInputs } from './period-inputs.component';
import { checkPeriod, defaultPeriod } from './report-period';
import { ReportResult } from './report-result.component';

export function CorporationReportPage() {
  const url = useUrlFilters();
  const user = useSessionUser();
  const reference = useQuery('reference.get', {});
  const fallback = useMemo(() => defaultPeriod(), []);
  const fixed = user.role === 'liaison' ? user.corporationId : null;
  const corporationId = fixed ?? (url.one('corporatie') || null);
  const from = url.one('van') || fallback.from;
  const to = url.one('tot') || fallback.to;
  const checked = checkPeriod(from, to);

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
          <PeriodInputs
            from={from}
            to={to}
            onFrom={(v) => url.set('van', v === fallback.from ? null : v)}
            onTo={(v) => url.set('tot', v === fallback.to ? null : v)}
            fromError={checked.fromError}
            toError={checked.toError}
            testId="corporation-report-period"
          />
        </Group>
      </Card>
      {corporationId && checked.period ? (
        <ReportResult
          method="reports.corporation"
          input={{ corporationId, ...checked.period }}
          request={{ report: 'corporation', corporationId, ...checked.period }}
        />
      ) : (
        <Text c="dimmed" size="sm" data-testid="corporation-report-prompt">
          {corporationId === null ? 'Kies een corporatie.' : 'Vul een geldige periode in.'}
        </Text>
      )}
    </Stack>
  );
}
