// Buttons to import into and export a register list (CSV, XLSX). Placed on the client and unit
// lists; the import/export feature fills them in. Runs in the renderer.
export interface ExportButtonsProps {
  kind: 'clients' | 'units';
  /** The list's current filters, so the export matches what the user sees. */
  filters?: Record<string, unknown>;
}

export function ExportButtons(_props: ExportButtonsProps) {
  return null;
}
