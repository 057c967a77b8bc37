// The download buttons of a report ("PDF", "Excel (XLSX)", "CSV"): each asks `reports.export` for the
// file (the backend hides small numbers in aggregate figures and logs the export) and saves it. Runs in the renderer.
import { Alert, Button, Group } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReportRequest } from '../../../../shared/api/reports.contract';
import type { ReportFormat } from '../../../../shared/reports/report-doc';
import { useApi } from '../../api/api.context';
import { downloadBase64 } from '../import/download.util';

const BUTTONS: Record<ReportFormat, { label: string; icon: typeof IconFileText }> = {
  pdf: { label: 'PDF', icon: IconFileTypePdf },
  xlsx: { label: 'Excel (XLSX)', icon: IconFileSpreadsheet },
  csv: { label: 'CSV', icon: IconFileText },
};

export interface ReportDownloadsProps {
  /** The report to write; null while its parameters are incomplete (the buttons are disabled). */
  request: ReportRequest | null;
  formats?: readonly ReportFormat[];
  /** A label instead of the format's own (e.g. "Exporteren (Excel)" for a single button). */
  labels?: Partial<Record<ReportFormat, string>>;
}

export function ReportDownloads({ request, formats = ['pdf', 'xlsx', 'csv'], labels = {} }: ReportDownloadsProps) {
  const api = useApi();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: ReportFormat) => {
    if (!request) return;
    setBusy(format);
    setError(null);
    try {
      const file = await api.call('reports.export', { request, format });
      downloadBase64(file.fileName, file.contentBase64);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" data-testid="report-downloads">
      {formats.map((format) => {
        const { label, icon: FormatIcon } = BUTTONS[format];
        return (
          <Button
            key={format}
            variant="default"
            size="sm"
            leftSection={formats.length === 1 ? <IconDownload size={16} /> : <FormatIcon size={16} />}
            loading={busy === format}
            disabled={!request || (busy !== null && busy !== format)}
            onClick={() => void run(format)}
            data-testid={`report-download-${format}`}
          >
            {labels[format] ?? label}
          </Button>
        );
      })}
      {error && (
        <Alert color="red" variant="light" py={6} data-testid="report-download-error">
          Het bestand kon niet worden gemaakt: {error}
        </Alert>
      )}
    </Group>
  );
}
