// Turns any ReportDoc into a file: PDF (pdfkit), XLSX (exceljs) or CSV, and names that file with a
// readable, safe ASCII slug ("matchrapportage-de-windkering-2026-01-01-2026-12-31.pdf"). Node only.
import { calendarDay } from '../../../../shared/reports/format-nl';
import type { ReportDoc, ReportFormat, ReportKind } from '../../../../shared/reports/report-doc';
import { renderCsv } from './csv';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

export async function renderReport(doc: ReportDoc, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(doc);
    case 'xlsx':
      return renderXlsx(doc);
    case 'csv':
      return renderCsv(doc);
  }
}

/** What each kind of report is called in a file name. */
const FILE_WORD: Record<ReportKind, string> = {
  provider: 'matchrapportage',
  corporation: 'corporatierapportage',
  agenda: 'agenda',
  minutes: 'verslag',
  monitor: 'monitor',
};

/** Lower-case ASCII words joined by '-': "Woonstichting Één & Crème" → "woonstichting-een-creme". */
export function slug(s: string, max = 60): string {
  const ascii = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, max).replace(/-+$/, '');
}

/**
 * The file name a report is saved under: the kind's word, then what it is about (a round: "ronde-3";
 * a provider or corporation: its name without the generic word), then the period as yyyy-mm-dd, or the
 * day it was made when it has none. Only a-z, 0-9, '-' and the extension.
 * "matchrapportage-de-windkering-2026-01-01-2026-12-31.pdf", "agenda-ronde-3.pdf".
 */
export function reportFileName(doc: ReportDoc, format: ReportFormat): string {
  const parts = [FILE_WORD[doc.report]];
  if (doc.report === 'agenda' || doc.report === 'minutes') {
    const round = /\bronde\s+(\d+)/i.exec(doc.subject) ?? /\bronde\s+(\d+)/i.exec(doc.title);
    parts.push(round ? `ronde-${round[1]}` : slug(doc.subject));
  } else if (doc.report !== 'monitor') {
    parts.push(slug(doc.subject.replace(/^\s*(zorgaanbieder|woningcorporatie|corporatie)\s+/i, '')));
  }
  if (doc.period) parts.push(doc.period.from, doc.period.to);
  else if (doc.report === 'monitor' || !/\bronde\s+\d+/i.test(`${doc.subject} ${doc.title}`)) parts.push(calendarDay(doc.generatedAt) ?? '');
  const name = parts
    .map((p) => slug(p, 80))
    .filter(Boolean)
    .join('-');
  return `${name || 'rapport'}.${format}`;
}
