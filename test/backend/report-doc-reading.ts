// Reading a ReportDoc in tests: a table or figure by key (a clear error when it is missing), and every
// text and number the document carries, for the privacy checks.
import type { ReportDoc, ReportFigure, TableSection } from '../../shared/reports/report-doc';

export function tableOf(doc: ReportDoc, key: string): TableSection {
  const s = doc.sections.find((x) => x.key === key);
  if (!s || s.kind !== 'table') throw new Error(`no table section ${key} in ${doc.report}`);
  return s;
}

export function figureOf(doc: ReportDoc, key: string): ReportFigure {
  for (const s of doc.sections) if (s.kind === 'figures') for (const f of s.figures) if (f.key === key) return f;
  throw new Error(`no figure ${key} in ${doc.report}`);
}

/** Every text and number in a document: header, notes, figures, cells and row keys. */
export function docTexts(doc: ReportDoc): string[] {
  const out = [doc.title, doc.subject, doc.privacy, ...doc.filters];
  for (const s of doc.sections) {
    if (s.note) out.push(s.note);
    if (s.kind === 'figures') for (const f of s.figures) out.push(f.label, String(f.value));
    else for (const r of s.rows) out.push(r.key, ...Object.values(r.cells).map((c) => String(c)));
  }
  return out;
}
