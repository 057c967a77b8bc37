// Rapportages → Monitor: the regional monitor with its filters in the URL (period, municipality,
// corporation, care provider, group), the summary as cards, and every table section as a chart with its
// table; each count clicks through to the rows behind it (monitor.rows). "Exporteren (Excel)" writes the
// same figures. Runs in the renderer; data from `monitor.report`, `reference.get`.
import { Button, Card, Group, LoadingOverlay, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useState } from 'react';
import type { MonitorFilters } from '../../../../shared/api/reports.contract';
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS } from '../../../../shared/domain/codes';
import { useQuery } from '../../api/use-query.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { onlyKnown, useUrlFilters } from '../../ui/url-filters.hook';
import { useCan, useSessionUser } from '../auth/auth.context';
import { DrillDrawer } from './drill-drawer.component';
import { PeriodInputs } from './period-inputs.component';
import { type DrillTarget, ReportDocView } from './report-doc-view.component';
import { ReportDownloads } from './report-downloads.component';
import { useUrlPeriod } from './use-url-period.hook';
import { FilterSelect } from '../../ui/filter-select.component';

const FILTER_KEYS = ['van', 'tot', 'gemeente', 'corporatie', 'zorgaanbieder', 'doelgroep'];

export function MonitorPage() {
  const url = useUrlFilters();
  const can = useCan();
  const user = useSessionUser();
  const reference = useQuery('reference.get', {});
  const { fallback, period, inputs } = useUrlPeriod(url);
  const municipalities = url.list('gemeente');
  const corporations = url.list('corporatie');
  const providers = url.list('zorgaanbieder');
  const groups = onlyKnown(url.list('doelgroep'), CLIENT_GROUPS);
  const filtered = FILTER_KEYS.some((k) => url.one(k) !== '');

  const filters: MonitorFilters = {
    ...(period ?? fallback),
    ...(municipalities.length ? { municipalityCodes: municipalities } : {}),
    ...(corporations.length ? { corporationIds: corporations } : {}),
    ...(providers.length ? { careProviderIds: providers } : {}),
    ...(groups.length ? { groups } : {}),
  };
  const ref = reference.data;
  const select = { searchable: true, size: 'sm' as const, minWidth: 170 };

  return (
    <Stack gap="md" data-testid="monitor-page">
      <Group justify="space-between" align="center" wrap="wrap">
        <Text size="sm" c="dimmed">
          De cijfers, de grafieken en de export volgen de periode en de filters.
        </Text>
        <Group gap="xs">
          {filtered && (
            <Button variant="subtle" size="sm" leftSection={<IconFilterOff size={14} />} onClick={() => url.clear(FILTER_KEYS)} data-testid="monitor-filter-clear">
              Filters wissen
            </Button>
          )}
          <ReportDownloads request={period ? { report: 'monitor', filters } : null} formats={['xlsx']} labels={{ xlsx: 'Exporteren (Excel)' }} />
        </Group>
      </Group>
      <Card withBorder radius="md" padding="md" data-testid="monitor-filters">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <PeriodInputs {...inputs} testId="monitor-period" />
          <FilterSelect
            label="Gemeente"
            options={(ref?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))}
            value={municipalities}
            onChange={(v) => url.set('gemeente', v)}
            {...select}
            testId="monitor-filter-municipality"
          />
          <FilterSelect
            label="Corporatie"
            options={(ref?.corporations ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={corporations}
            onChange={(v) => url.set('corporatie', v)}
            {...select}
            testId="monitor-filter-corporation"
          />
          <FilterSelect
            label="Zorgaanbieder"
            options={(ref?.careProviders ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={providers}
            onChange={(v) => url.set('zorgaanbieder', v)}
            {...select}
            testId="monitor-filter-provider"
          />
          <FilterSelect
            label="Doelgroep"
            options={CLIENT_GROUPS.map((g) => ({ value: g, label: CLIENT_GROUP_LABELS[g] }))}
            value={groups}
            onChange={(v) => url.set('doelgroep', v)}
            {...select}
            testId="monitor-filter-group"
          />
        </Group>
      </Card>
      {period ? (
        <MonitorDoc filters={filters} drill={can('monitor.rows')} ownClientsOnly={user.role === 'provider'} />
      ) : (
        <Text c="dimmed" size="sm">
          Vul een geldige periode in om de cijfers te zien.
        </Text>
      )}
    </Stack>
  );
}

function MonitorDoc({ filters, drill, ownClientsOnly }: { filters: MonitorFilters; drill: boolean; ownClientsOnly: boolean }) {
  const report = useQuery('monitor.report', { filters }, { keepPrevious: true });
  const [target, setTarget] = useState<DrillTarget | null>(null);
  // The drawer asks for the rows with the filters the figure was made with.
  const [drillFilters, setDrillFilters] = useState<MonitorFilters>(filters);
  const open = (t: DrillTarget) => {
    setDrillFilters(filters);
    setTarget(t);
  };
  return (
    <>
      {report.error && <ErrorAlert error={report.error} onRetry={report.refetch} />}
      {!report.data && !report.error && <PageSkeleton lines={10} />}
      {report.data && (
        <div style={{ position: 'relative' }} aria-busy={report.loading}>
          <LoadingOverlay visible={report.loading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ type: 'dots' }} />
          <ReportDocView doc={report.data} charts onDrill={drill ? open : undefined} testId="monitor-doc" />
        </div>
      )}
      <DrillDrawer filters={drillFilters} target={target} onClose={() => setTarget(null)} ownClientsOnly={ownClientsOnly} />
    </>
  );
}
