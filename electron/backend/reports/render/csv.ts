// A ReportDoc as CSV for Dutch Excel: UTF-8 with BOM, ';' between fields, CRLF; the header block first,
// then per section its title line, header line and rows, an empty line between blocks. Plain Dutch
// values (1234,5; 04-12-2026; "< 5"); formula-like texts neutralised as the list exports do. Node only.
import { formatCell } from '../../../../shared/reports/format-nl';
import { neutraliseCsvText } from '../../../../shared/import/csv-text';
import type { ReportDoc } from '../../../../shared/reports/report-doc';
import { type BlockCell, blocksOf } from './blocks';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** RFC 4180: a field holding ';', '"', CR or LF, or with leading or trailing spaces, is quoted. */
const escape = (s: string) => (/[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? quote(s) : s);

/** A text field: with one leading ' (and always quoted) when a spreadsheet would run it as a formula. */
function textField(s: string): string {
  const safe = neutraliseCsvText(s);
  return safe === s ? escape(s) : quote(safe);
}

/** One cell as written: texts neutralised; numbers and dates plain ("1234,5", "04-12-2026"), never prefixed. */
export function csvField(c: BlockCell): string {
  switch (c.t) {
    case 'text':
      return textField(c.v);
    case 'hidden':
      return escape(c.label);
    case 'value':
      if (typeof c.v === 'string') return textField(formatCell(c.v, c.type, { plain: true }));
      return escape(formatCell(c.v, c.type, { plain: true }));
  }
}

export function renderCsv(doc: ReportDoc): Buffer {
  const lines: string[] = [];
  for (const [i, b] of blocksOf(doc).entries()) {
    if (i > 0) lines.push('');
    if (b.title !== null) lines.push([textField(b.title), ...(b.note ? [textField(b.note)] : [])].join(';'));
    if (b.header) lines.push(b.header.map(textField).join(';'));
    for (const r of b.rows) lines.push(r.map(csvField).join(';'));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
