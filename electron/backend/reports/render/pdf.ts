// A ReportDoc as an A4 PDF with pdfkit: a header on every page (title, subject, period), the privacy
// line, filters and small-number note on page one with the figures, then each table with its header
// row repeated on every page, and "Pagina X van Y" in the footer. Built-in Helvetica (WinAnsi). Node only.
import PDFDocument from 'pdfkit';
import {
  formatFigure,
  formatPeriod,
  formatRowCell,
  isHiddenCell,
  isNumericType,
  smallNumbersNote,
  thresholdOf,
  type FormatOptions,
} from '../../../../shared/reports/format-nl';
import { formatMoment } from '../../../../shared/domain/moments';
import type { FiguresSection, ReportDoc, TableSection } from '../../../../shared/reports/report-doc';

type Pdf = PDFKit.PDFDocument;

/** Tables with more columns than this turn the whole document to landscape. */
export const LANDSCAPE_ABOVE_COLUMNS = 7;

const MARGIN = 40;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const HEAD_FILL = '#243b53';
const ZEBRA = '#f0f4f8';
const CARD = '#f0f4f8';
const BOX = '#f7f9fb';
const PAD_X = 4;
const PAD_Y = 2.5;
const DATES: FormatOptions = { dates: 'long' };
/**
 * Extra space between the parts of a short value ("< 5", "1 dag"), as a share of the font size: with
 * only Helvetica's narrow space, pdftotext and copy-paste join them ("<5"); longer values keep theirs.
 */
const NUMBER_SPACING = 0.15;

// Characters the built-in fonts can draw: printable Latin-1 and the WinAnsi extras pdfkit maps.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  ſ: 's',
  ĸ: 'k',
};

/**
 * Text the built-in Helvetica can show: tabs and line breaks as spaces (a cell is wrapped by the table),
 * letters with diacritics it lacks by their base letter (ğ → g), any other unknown character as '?'.
 */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.replace(/\r\n?|\n|\t/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! < 0x7f) ? base : code < 0x20 ? '' : '?';
    }
  }
  return out;
}

interface Layout {
  landscape: boolean;
  width: number;
  height: number;
  left: number;
  contentWidth: number;
  /** Where the body starts on page one and on the other pages (below the running header). */
  firstTop: number;
  otherTop: number;
  /** Where the body must end (above the footer). */
  bottom: number;
}

export function renderPdf(doc: ReportDoc): Promise<Buffer> {
  const landscape = doc.sections.some((s) => s.kind === 'table' && s.columns.length > LANDSCAPE_ABOVE_COLUMNS);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(doc.title),
      Subject: pdfText(doc.subject),
      Author: pdfText(doc.generatedBy),
      Creator: 'Uitstroomtafel',
      CreationDate: Number.isNaN(Date.parse(doc.generatedAt)) ? new Date() : new Date(doc.generatedAt),
    },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      const layout = measureLayout(pdf, doc, landscape);
      pdf.on('pageAdded', () => {
        pdf.x = layout.left;
        pdf.y = layout.otherTop;
      });
      pdf.y = layout.firstTop;
      pdf.x = layout.left;
      writeBody(pdf, doc, layout);
      const pages = pdf.bufferedPageRange();
      for (let i = 0; i < pages.count; i++) {
        pdf.switchToPage(pages.start + i);
        drawHeader(pdf, doc, layout, i === 0);
        drawFooter(pdf, doc, layout, i + 1, pages.count);
      }
      pdf.end();
    } catch (e) {
      reject(e);
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Running header and footer

const periodLine = (doc: ReportDoc) => (doc.period ? `Periode: ${formatPeriod(doc.period)}` : null);
const generatedLine = (doc: ReportDoc) => `Gemaakt op ${formatMoment(doc.generatedAt)} door ${doc.generatedBy}`;

function measureLayout(pdf: Pdf, doc: ReportDoc, landscape: boolean): Layout {
  const width = pdf.page.width;
  const height = pdf.page.height;
  const contentWidth = width - 2 * MARGIN;
  pdf.font('Helvetica-Bold').fontSize(17);
  let first = pdf.heightOfString(pdfText(doc.title), { width: contentWidth }) + 4;
  pdf.font('Helvetica').fontSize(11);
  first += pdf.heightOfString(pdfText(doc.subject), { width: contentWidth }) + 2;
  pdf.fontSize(9);
  if (doc.period) first += pdf.currentLineHeight(true) + 1;
  const other = 9 * 1.2 + 8 * 1.2 + 3;
  return {
    landscape,
    width,
    height,
    left: MARGIN,
    contentWidth,
    firstTop: MARGIN + first + 14,
    otherTop: MARGIN + other + 14,
    bottom: height - MARGIN - 26,
  };
}

/** One line of text cut with "…" to fit `width` in the current font. */
function fitLine(pdf: Pdf, s: string, width: number): string {
  const t = pdfText(s);
  if (pdf.widthOfString(t) <= width) return t;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pdf.widthOfString(`${t.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${t.slice(0, lo).trimEnd()}…`;
}

function drawHeader(pdf: Pdf, doc: ReportDoc, l: Layout, first: boolean): void {
  const saved = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;
  let y = MARGIN;
  if (first) {
    pdf.font('Helvetica-Bold').fontSize(17).fillColor(INK).text(pdfText(doc.title), l.left, y, { width: l.contentWidth });
    y = pdf.y + 4;
    pdf.font('Helvetica').fontSize(11).fillColor(INK).text(pdfText(doc.subject), l.left, y, { width: l.contentWidth });
    y = pdf.y + 2;
    const period = periodLine(doc);
    if (period) {
      pdf.fontSize(9).fillColor(MUTED).text(pdfText(period), l.left, y, { width: l.contentWidth, lineBreak: false });
      y += pdf.currentLineHeight(true) + 1;
    }
    y = l.firstTop - 10;
  } else {
    pdf.font('Helvetica-Bold').fontSize(9).fillColor(INK);
    const running = doc.title.includes(doc.subject) ? doc.title : `${doc.title} — ${doc.subject}`;
    pdf.text(fitLine(pdf, running, l.contentWidth), l.left, y, { lineBreak: false });
    const period = periodLine(doc);
    if (period) pdf.font('Helvetica').fontSize(8).fillColor(MUTED).text(pdfText(period), l.left, y + 9 * 1.2, { lineBreak: false });
    y = l.otherTop - 10;
  }
  pdf.moveTo(l.left, y).lineTo(l.left + l.contentWidth, y).lineWidth(0.75).strokeColor(RULE).stroke();
  pdf.page.margins.bottom = saved;
}

function drawFooter(pdf: Pdf, doc: ReportDoc, l: Layout, page: number, pages: number): void {
  const saved = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;
  const y = l.height - MARGIN - 16;
  pdf.moveTo(l.left, y).lineTo(l.left + l.contentWidth, y).lineWidth(0.5).strokeColor(RULE).stroke();
  const pageText = `Pagina ${page} van ${pages}`;
  pdf.font('Helvetica').fontSize(7.5).fillColor(MUTED);
  const pageWidth = pdf.widthOfString(pageText);
  pdf.text(fitLine(pdf, generatedLine(doc), l.contentWidth - pageWidth - 24), l.left, y + 4, { lineBreak: false });
  pdf.text(pageText, l.left + l.contentWidth - pageWidth, y + 4, { lineBreak: false });
  pdf.text(fitLine(pdf, doc.privacy, l.contentWidth), l.left, y + 4 + 7.5 * 1.25, { lineBreak: false });
  pdf.page.margins.bottom = saved;
}

// ---------------------------------------------------------------------------------------------------
// Body

function writeBody(pdf: Pdf, doc: ReportDoc, l: Layout): void {
  writeInfoBox(pdf, doc, l);
  const figures = doc.sections.filter((s): s is FiguresSection => s.kind === 'figures');
  const tables = doc.sections.filter((s): s is TableSection => s.kind === 'table');
  for (const s of figures) writeFigures(pdf, doc, s, l);
  // The figures on page one; the lists after them, from a fresh page.
  if (figures.length && tables.length) pdf.addPage();
  tables.forEach((s, i) => writeTable(pdf, doc, s, l, i === 0 && figures.length > 0));
}

/** Room left on this page; a new page when less than `need` is left. */
function ensureRoom(pdf: Pdf, l: Layout, need: number): void {
  if (pdf.y + need > l.bottom) pdf.addPage();
}

function writeInfoBox(pdf: Pdf, doc: ReportDoc, l: Layout): void {
  const lines: [string, string][] = [
    ['Privacy', doc.privacy],
    ['Filters', doc.filters.length ? doc.filters.join('; ') : 'geen'],
  ];
  if (doc.smallNumbers?.hidden) lines.push(['Kleine aantallen', smallNumbersNote(doc.smallNumbers.threshold)]);
  const labelWidth = 78;
  const textWidth = l.contentWidth - labelWidth - 16;
  pdf.font('Helvetica').fontSize(8.5);
  const heights = lines.map(([, t]) => pdf.heightOfString(pdfText(t), { width: textWidth }));
  const boxHeight = heights.reduce((a, b) => a + b + 2, 0) + 10;
  const top = pdf.y;
  pdf.rect(l.left, top, l.contentWidth, boxHeight).fillColor(BOX).fill();
  pdf.rect(l.left, top, 2.5, boxHeight).fillColor(HEAD_FILL).fill();
  let y = top + 6;
  lines.forEach(([label, text], i) => {
    pdf.font('Helvetica-Bold').fontSize(8.5).fillColor(INK).text(label, l.left + 10, y, { width: labelWidth, lineBreak: false });
    pdf.font('Helvetica').fontSize(8.5).fillColor(INK).text(pdfText(text), l.left + 10 + labelWidth, y, { width: textWidth });
    y += heights[i]! + 2;
  });
  pdf.x = l.left;
  pdf.y = top + boxHeight + 14;
}

function writeSectionTitle(pdf: Pdf, title: string, note: string | undefined, l: Layout): void {
  pdf.font('Helvetica-Bold').fontSize(11.5).fillColor(INK).text(pdfText(title), l.left, pdf.y, { width: l.contentWidth });
  if (note) pdf.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(pdfText(note), l.left, pdf.y + 1, { width: l.contentWidth });
  pdf.y += 5;
}

/** Notes under a section: "Label: hint", one per line, small and muted. */
function writeNotes(pdf: Pdf, notes: [string, string][], l: Layout): void {
  if (!notes.length) return;
  pdf.y += 4;
  pdf.fontSize(7.5).fillColor(MUTED);
  for (const [label, hint] of notes) {
    ensureRoom(pdf, l, 10);
    pdf.font('Helvetica-Bold').text(`${pdfText(label)}: `, l.left, pdf.y, { continued: true, width: l.contentWidth });
    pdf.font('Helvetica').text(pdfText(hint));
  }
}

function writeFigures(pdf: Pdf, doc: ReportDoc, s: FiguresSection, l: Layout): void {
  ensureRoom(pdf, l, 80);
  writeSectionTitle(pdf, s.title, s.note, l);
  const threshold = thresholdOf(doc);
  const perRow = l.landscape ? 4 : 3;
  const gap = 8;
  const cardWidth = (l.contentWidth - gap * (perRow - 1)) / perRow;
  const inner = cardWidth - 16;
  for (let i = 0; i < s.figures.length; i += perRow) {
    const row = s.figures.slice(i, i + perRow);
    const values = row.map((f) => pdfText(formatFigure(f, threshold, DATES)));
    pdf.font('Helvetica-Bold').fontSize(15);
    const valueHeight = Math.max(...values.map((v) => pdf.heightOfString(v, { width: inner })));
    pdf.font('Helvetica').fontSize(8.5);
    const labelHeight = Math.max(...row.map((f) => pdf.heightOfString(pdfText(f.label), { width: inner })));
    const cardHeight = 8 + valueHeight + 2 + labelHeight + 8;
    ensureRoom(pdf, l, cardHeight + gap);
    const top = pdf.y;
    row.forEach((f, j) => {
      const x = l.left + j * (cardWidth + gap);
      pdf.rect(x, top, cardWidth, cardHeight).fillColor(CARD).fill();
      pdf.font('Helvetica-Bold').fontSize(15).fillColor(f.hidden || f.value === null ? MUTED : INK);
      pdf.text(values[j]!, x + 8, top + 8, { width: inner, wordSpacing: values[j]!.length <= 6 ? NUMBER_SPACING * 15 : 0 });
      pdf.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(pdfText(f.label), x + 8, top + 8 + valueHeight + 2, { width: inner });
    });
    pdf.x = l.left;
    pdf.y = top + cardHeight + gap;
  }
  writeNotes(
    pdf,
    s.figures.filter((f) => f.hint).map((f) => [f.label, f.hint!]),
    l,
  );
  pdf.y += 12;
}

// ---------------------------------------------------------------------------------------------------
// Tables

type FontName = 'Helvetica' | 'Helvetica-Bold';

/**
 * Text widths measured once per font, size and text (a 500-row table repeats most of its words), and
 * greedy word wrapping on them. Word widths are summed with the space between them, which never
 * underestimates a line (Helvetica kerns only towards a space), so a wrapped line always fits.
 */
class Measure {
  private readonly cache = new Map<string, number>();
  constructor(private readonly pdf: Pdf) {}

  width(font: FontName, size: number, text: string): number {
    const key = `${font}\u0000${size}\u0000${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      this.pdf.font(font).fontSize(size);
      w = this.pdf.widthOfString(text);
      this.cache.set(key, w);
    }
    return w;
  }

  /** The longest unbreakable piece (a word). */
  longestWord(font: FontName, size: number, text: string): number {
    let max = 0;
    for (const w of text.split(' ')) if (w) max = Math.max(max, this.width(font, size, w));
    return max;
  }

  /** The text as lines of at most `max` wide: at spaces, and inside a word only when it alone is too wide. */
  wrap(font: FontName, size: number, text: string, width: number): string[] {
    const max = width + 0.01; // widths are sums of floats: what fits exactly must not wrap
    if (this.width(font, size, text) <= max) return [text];
    const space = this.width(font, size, ' ');
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(' ').filter(Boolean)) {
      let w = this.width(font, size, word);
      if (line && lineWidth + space + w <= max) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (w > max && rest.length > 1) {
        // A word wider than the column: cut it where it still fits.
        let n = rest.length - 1;
        while (n > 1 && this.width(font, size, rest.slice(0, n)) > max) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
        w = this.width(font, size, rest);
      }
      line = rest;
      lineWidth = w;
    }
    if (line || !lines.length) lines.push(line);
    return lines;
  }
}

interface TableCell {
  text: string;
  right: boolean;
  muted: boolean;
}

/**
 * Column widths fitted to content: every column gets its natural width (widest header or cell) when the
 * table fits, the room left spread over the text columns; otherwise text columns shrink towards their
 * longest word (wrapping) while numbers and dates keep their width. Null when even that does not fit.
 */
function fitColumns(m: Measure, s: TableSection, headers: string[], cells: TableCell[][], size: number, available: number): number[] | null {
  const keep = s.columns.map((c) => isNumericType(c.type) || c.type === 'date');
  const natural: number[] = [];
  const minimum: number[] = [];
  s.columns.forEach((_, j) => {
    let nat = m.width('Helvetica-Bold', size, headers[j]!);
    let min = m.longestWord('Helvetica-Bold', size, headers[j]!);
    for (const row of cells) {
      const t = row[j]!.text;
      const w = m.width('Helvetica', size, t);
      if (w > nat) nat = w;
      if (keep[j]) min = Math.max(min, w);
      else if (w > min) min = Math.max(min, m.longestWord('Helvetica', size, t));
    }
    const cap = available * (keep[j] ? 0.3 : 0.45);
    natural.push(Math.min(nat, cap) + 2 * PAD_X);
    minimum.push(Math.min(min, cap, nat) + 2 * PAD_X);
  });
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= available) {
    const any = keep.some((k) => !k);
    const base = natural.reduce((a, w, j) => a + (!any || !keep[j] ? w : 0), 0);
    return natural.map((w, j) => w + (!any || !keep[j] ? ((available - sum) * w) / base : 0));
  }
  const shrinkable = natural.reduce((a, w, j) => a + (w - minimum[j]!), 0);
  const deficit = sum - available;
  if (deficit > shrinkable) return null;
  return natural.map((w, j) => w - ((w - minimum[j]!) * deficit) / shrinkable);
}

/**
 * The font size and column widths of a table: the preferred size when its words fit, else a size
 * smaller (down to 6 pt); when nothing fits, numbers and dates keep their width and the text columns
 * share the rest (their long words are cut).
 */
function layoutTable(m: Measure, s: TableSection, headers: string[], cells: TableCell[][], preferred: number, available: number): { size: number; widths: number[] } {
  for (let size = preferred; size >= 6; size -= 0.5) {
    const widths = fitColumns(m, s, headers, cells, size, available);
    if (widths) return { size, widths };
  }
  const size = 6;
  const keep = s.columns.map((c) => isNumericType(c.type) || c.type === 'date');
  const fixed = s.columns.map((_, j) =>
    keep[j] ? Math.max(m.width('Helvetica-Bold', size, headers[j]!), ...cells.map((r) => m.width('Helvetica', size, r[j]!.text))) + 2 * PAD_X : 0,
  );
  const fixedSum = fixed.reduce((a, b) => a + b, 0);
  const textColumns = keep.filter((k) => !k).length;
  if (!textColumns || fixedSum > available * 0.8) return { size, widths: s.columns.map(() => available / s.columns.length) };
  return { size, widths: fixed.map((w, j) => (keep[j] ? w : (available - fixedSum) / textColumns)) };
}

function writeTable(pdf: Pdf, doc: ReportDoc, s: TableSection, l: Layout, pageStart: boolean): void {
  const m = new Measure(pdf);
  const preferred = s.columns.length > 10 ? 7 : s.columns.length > 5 ? 8 : 8.5;
  const threshold = thresholdOf(doc);
  const headers = s.columns.map((c) => pdfText(c.label));
  const cells: TableCell[][] = s.rows.map((r) =>
    s.columns.map((c) => {
      const hidden = isHiddenCell(r, c.key);
      const value = r.cells[c.key] ?? null;
      return {
        text: pdfText(formatRowCell(r, c, threshold, DATES)),
        right: isNumericType(c.type) && (hidden || value === null || typeof value === 'number'),
        muted: hidden || value === null,
      };
    }),
  );
  const { size, widths } = layoutTable(m, s, headers, cells, preferred, l.contentWidth);
  const lineHeight = size * 1.2;
  const lefts = widths.map((_, j) => l.left + widths.slice(0, j).reduce((a, b) => a + b, 0));
  const inner = widths.map((w) => w - 2 * PAD_X);
  const headerLines = headers.map((h, j) => m.wrap('Helvetica-Bold', size, h, inner[j]!));
  const headerHeight = Math.max(...headerLines.map((ls) => ls.length)) * lineHeight + 2 * PAD_Y + 1;

  /** Draws lines of text in a column, left or right aligned, without pdfkit's own wrapping. */
  const drawLines = (font: FontName, lines: string[], j: number, top: number, right: boolean) => {
    lines.forEach((line, k) => {
      if (!right) {
        pdf.text(line, lefts[j]! + PAD_X, top + k * lineHeight, { lineBreak: false });
        return;
      }
      // A number's unit or "< 5" a little apart, so text extraction keeps the space in such short cells.
      const spaces = line.length <= 6 ? line.split(' ').length - 1 : 0;
      const wordSpacing = spaces ? NUMBER_SPACING * size : 0;
      const x = lefts[j]! + widths[j]! - PAD_X - m.width(font, size, line) - spaces * wordSpacing;
      pdf.text(line, x, top + k * lineHeight, { lineBreak: false, wordSpacing });
    });
  };

  const drawHeaderRow = () => {
    const top = pdf.y;
    pdf.rect(l.left, top, l.contentWidth, headerHeight).fillColor(HEAD_FILL).fill();
    pdf.font('Helvetica-Bold').fontSize(size).fillColor('#ffffff');
    s.columns.forEach((c, j) => drawLines('Helvetica-Bold', headerLines[j]!, j, top + PAD_Y + 0.5, isNumericType(c.type)));
    pdf.x = l.left;
    pdf.y = top + headerHeight;
  };

  // Title, note, header and the first row stay together.
  const wrapped = (row: TableCell[]) => row.map((c, j) => m.wrap('Helvetica', size, c.text, inner[j]!));
  const firstRow = cells[0] ? Math.max(...wrapped(cells[0]).map((ls) => ls.length)) * lineHeight + 2 * PAD_Y : lineHeight + 2 * PAD_Y;
  if (!pageStart) ensureRoom(pdf, l, 40 + headerHeight + firstRow);
  writeSectionTitle(pdf, s.title, s.note, l);
  drawHeaderRow();

  if (!cells.length) {
    pdf.font('Helvetica-Oblique').fontSize(size + 0.5).fillColor(MUTED);
    pdf.text(doc.period ? 'Geen gegevens in deze periode.' : 'Geen gegevens.', l.left + PAD_X, pdf.y + PAD_Y + 2, { width: l.contentWidth - 2 * PAD_X });
    pdf.y += PAD_Y;
  }
  let color = '';
  const setColor = (c: string) => {
    if (c !== color) pdf.fillColor((color = c));
  };
  cells.forEach((row, i) => {
    const lines = wrapped(row);
    const h = Math.max(...lines.map((ls) => ls.length)) * lineHeight + 2 * PAD_Y;
    if (pdf.y + h > l.bottom) {
      pdf.addPage();
      pdf.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED).text(`${pdfText(s.title)} (vervolg)`, l.left, pdf.y, { lineBreak: false });
      pdf.y += 8.5 * 1.2 + 3;
      drawHeaderRow();
      color = '';
    }
    const top = pdf.y;
    if (i % 2 === 1) {
      pdf.rect(l.left, top, l.contentWidth, h).fillColor(ZEBRA).fill();
      color = '';
    }
    pdf.font('Helvetica').fontSize(size);
    row.forEach((c, j) => {
      setColor(c.muted ? MUTED : INK);
      drawLines('Helvetica', lines[j]!, j, top + PAD_Y, c.right);
    });
    pdf.x = l.left;
    pdf.y = top + h;
  });
  // A closing rule under the last row.
  pdf.moveTo(l.left, pdf.y).lineTo(l.left + l.contentWidth, pdf.y).lineWidth(0.5).strokeColor(RULE).stroke();
  pdf.fillColor(INK);
  writeNotes(
    pdf,
    s.columns.filter((c) => c.hint).map((c) => [c.label, c.hint!]),
    l,
  );
  pdf.y += 16;
}
