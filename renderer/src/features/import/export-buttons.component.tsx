// "Exporteren" menu for a register list: CSV or Excel in the import's column layout (so the file can
// be edited and imported again), filtered like the list. Placed on the client and unit lists. Runs
// in the renderer; data from `export.list` (the backend logs every export).
import { Button, Menu } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useApi } from '../../api/api.context';
import { downloadBase64 } from './download.util';

export interface ExportButtonsProps {
  kind: 'clients' | 'units';
  /** The list's current filters, so the export matches what the user sees. */
  filters?: Record<string, unknown>;
}

export function ExportButtons({ kind, filters }: ExportButtonsProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.call('export.list', { kind, format, ...(filters ? { filters } : {}) });
      downloadBase64(file.fileName, file.contentBase64);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} />}
          loading={busy}
          color={error ? 'red' : undefined}
          title={error ?? 'Deze lijst exporteren'}
          data-testid={`export-menu-${kind}`}
        >
          Exporteren
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{kind === 'clients' ? 'Kandidaten' : 'Woningen'} zoals gefilterd</Menu.Label>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')} data-testid={`export-xlsx-${kind}`}>
          Excel (.xlsx)
        </Menu.Item>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void run('csv')} data-testid={`export-csv-${kind}`}>
          CSV
        </Menu.Item>
        {error && <Menu.Label c="red">{error}</Menu.Label>}
      </Menu.Dropdown>
    </Menu>
  );
}
