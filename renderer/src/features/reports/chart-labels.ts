// The category names along a report chart's axis, told apart where they repeat. Pure TypeScript (renderer).
import { formatCell } from '../../../../shared/reports/format-nl';
import type { ReportColumn, ReportRow, TableSection } from '../../../../shared/reports/report-doc';

/**
 * The name of each row along the axis: the x column's cell, and where that is empty or not unique, the
 * row's other text cells that tell the rows apart ("Kustlicht Woondiensten · Dronten").
 */
export function categoryLabels(section: TableSection, xColumn: ReportColumn): string[] {
  const text = (row: ReportRow, c: ReportColumn) => {
    const t = formatCell(row.cells[c.key] ?? null, c.type);
    return t === '—' ? '' : t;
  };
  const others = section.columns.filter((c) => c.type === 'text' && c.key !== xColumn.key);
  // How good a choice of extra columns is: the names that clash, and the rows left without a name.
  const score = (cols: ReportColumn[]) => {
    const labels = section.rows.map((row) => [xColumn, ...cols].map((c) => text(row, c)).filter(Boolean).join(' · '));
    return { cols, labels, bad: labels.length - new Set(labels).size + labels.filter((l) => l === '').length };
  };
  // On a tie the finer column wins: those right of the x column first (a neighbourhood's complex), then
  // those left of it, nearest first (its municipality before the level word "Buurt"/"Complex").
  const at = (c: ReportColumn) => section.columns.findIndex((k) => k.key === c.key);
  const x = at(xColumn);
  const rank = (c: ReportColumn) => (at(c) > x ? at(c) - x : section.columns.length + (x - at(c)));
  let current = score([]);
  // Add, one at a time, the text column that separates the most rows, until every row has its own name.
  while (current.bad > 0) {
    let best: (ReturnType<typeof score> & { col: ReportColumn }) | null = null;
    for (const col of others.filter((c) => !current.cols.includes(c))) {
      const next = { ...score([...current.cols, col]), col };
      if (!best || next.bad < best.bad || (next.bad === best.bad && rank(col) < rank(best.col))) best = next;
    }
    if (!best || best.bad >= current.bad) break;
    current = best;
  }
  return current.labels.map((l, i) => l || section.rows[i]?.key || '');
}
