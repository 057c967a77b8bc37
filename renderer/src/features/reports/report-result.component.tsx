// A report screen's result: the document from its query (provider, corporation, agenda or minutes),
// shown with the three download buttons above it. Runs in the renderer.
import { Group, LoadingOverlay, Stack, Text } from '@mantine/core';
import type { MethodInput } from '../../../../shared/api/contract';
import type { ReportRequest } from '../../../../shared/api/reports.contract';
import type { ReportDoc } from '../../../../shared/reports/report-doc';
import { useQuery } from '../../api/use-query.hook';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { ReportDocView } from './report-doc-view.component';
import { ReportDownloads } from './report-downloads.component';

export type DocMethod = 'reports.provider' | 'reports.corporation' | 'reports.agenda' | 'reports.minutes';

export interface ReportResultProps<M extends DocMethod> {
  method: M;
  input: MethodInput<M>;
  /** The same report for `reports.export`. */
  request: ReportRequest;
}

export function ReportResult<M extends DocMethod>({ method, input, request }: ReportResultProps<M>) {
  const report = useQuery(method, input, { keepPrevious: true });
  const doc = report.data as ReportDoc | undefined;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">
          Download dit rapport:
        </Text>
        <ReportDownloads request={doc ? request : null} />
      </Group>
      {report.error && <ErrorAlert error={report.error} onRetry={report.refetch} />}
      {!doc && !report.error && <PageSkeleton lines={8} />}
      {doc && (
        <div style={{ position: 'relative' }} aria-busy={report.loading}>
          <LoadingOverlay visible={report.loading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ type: 'dots' }} />
          <ReportDocView doc={doc} />
        </div>
      )}
    </Stack>
  );
}
