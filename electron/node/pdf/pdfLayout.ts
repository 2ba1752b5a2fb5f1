import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { create as parseFont, type Font } from 'fontkit';
import { APP_ROOT } from '../store/open';

/**
 * The fonts ship with the app (assets/fonts, DejaVu, Bitstream Vera licence): Czech diacritics render the
 * same on every workstation, and pdfkit never falls back to its built-in Latin-1 Helvetica.
 * They are read and parsed once per process (in practice once per job worker): pdfkit takes the parsed fontkit
 * font and makes a fresh subset per document, while parsing the 700 kB TrueType files anew took most of a
 * PDF's time.
 */
const FONT_DIR = path.join(APP_ROOT, 'assets', 'fonts');
let fontCache: { regular: Font; bold: Font } | null = null;
function fonts(): { regular: Font; bold: Font } {
  if (!fontCache) {
    const file = (name: string) => {
      const p = path.join(FONT_DIR, name);
      if (!existsSync(p)) throw new Error(`Font missing: ${name} (expected in assets/fonts).`);
      return parseFont(readFileSync(p));
    };
    fontCache = { regular: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') };
  }
  return fontCache;
}

const COLOURS = { text: '#1f2328', muted: '#59636e', accent: '#0b5d66', rule: '#c9d1d9', headerFill: '#e8eef1', zebra: '#f6f8fa' };
const SIZE = { body: 10, small: 8.5, h1: 18, h2: 13, h3: 11 };

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in these proportions. */
  weight: number;
}

export interface DocumentMeta {
  title: string;
  /** Shown at the top right of every page, e.g. the client code. */
  headerRight: string;
  /** Shown at the top left of every page, e.g. the organisation. */
  headerLeft: string;
  /** Bottom left of every page, e.g. "Printed 3 March 2025". */
  footerLeft: string;
  /** "Page {page} of {pages}" with the two numbers filled in. */
  pageLabel: (page: number, pages: number) => string;
  language: 'cs' | 'en';
  author: string;
}

/** A cell longer than this is cut: a table row must fit on one page (rows are never split). */
const MAX_CELL_CHARS = 1200;

/**
 * A small flowing layout over pdfkit: headings that never end a page (they move to the next page together
 * with the start of what they introduce), tables whose rows are never split and whose header repeats on each
 * page, and a header and footer with "page x of y" written once the page count is known.
 */
export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly left: number;
  private readonly width: number;

  constructor(private readonly meta: DocumentMeta) {
    // pdfkit's types say string | Buffer; at run time it also takes a parsed fontkit font (anything with layout()).
    const { regular, bold } = fonts() as unknown as { regular: string; bold: string };
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      font: regular, // our font from the start: the built-in Helvetica is never loaded
      lang: meta.language === 'cs' ? 'cs-CZ' : 'en-GB',
      displayTitle: true,
      info: { Title: meta.title, Author: meta.author, Creator: 'Throughcare', Producer: 'Throughcare' },
    });
    this.doc.registerFont('regular', regular);
    this.doc.registerFont('bold', bold);
    this.doc.font('regular').fontSize(SIZE.body).fillColor(COLOURS.text);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private textHeight(text: string, font: 'regular' | 'bold', size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(text || ' ', { width, lineGap: 1.5 });
  }

  title(text: string, subtitle?: string): void {
    this.doc.font('bold').fontSize(SIZE.h1).fillColor(COLOURS.accent).text(text, this.left, this.doc.y, { width: this.width });
    if (subtitle) this.doc.font('regular').fontSize(SIZE.body).fillColor(COLOURS.muted).text(subtitle, { width: this.width });
    this.doc.fillColor(COLOURS.text).moveDown(0.8);
  }

  /**
   * A heading kept with what follows: `following` is the height of the first block after it (a paragraph's
   * first lines, a table's header and first row), so a heading never stands alone at the bottom of a page.
   */
  heading(text: string, following: number, level: 2 | 3 = 2): void {
    const size = level === 2 ? SIZE.h2 : SIZE.h3;
    const height = this.textHeight(text, 'bold', size, this.width) + 8;
    this.ensureSpace(height + following);
    if (level === 2) this.doc.moveDown(0.4);
    this.doc.font('bold').fontSize(size).fillColor(level === 2 ? COLOURS.accent : COLOURS.text).text(text, this.left, this.doc.y, { width: this.width, lineGap: 1.5 });
    this.doc.moveDown(0.3).fillColor(COLOURS.text).font('regular').fontSize(SIZE.body);
  }

  /** Height of a paragraph's first two lines: what a heading above it needs to keep with it. */
  paragraphStart(): number {
    return this.textHeight('x\nx', 'regular', SIZE.body, this.width);
  }

  paragraph(text: string, opts: { muted?: boolean; bold?: boolean; size?: number } = {}): void {
    const size = opts.size ?? SIZE.body;
    this.ensureSpace(this.textHeight('x\nx', 'regular', size, this.width));
    this.doc
      .font(opts.bold ? 'bold' : 'regular')
      .fontSize(size)
      .fillColor(opts.muted ? COLOURS.muted : COLOURS.text)
      .text(text, this.left, this.doc.y, { width: this.width, lineGap: 1.5 });
    this.doc.fillColor(COLOURS.text).font('regular').fontSize(SIZE.body).moveDown(0.5);
  }

  /** A framed note (e.g. the overdose warning); kept on one page. */
  notice(text: string): void {
    const pad = 8;
    const h = this.textHeight(text, 'regular', SIZE.body, this.width - 2 * pad) + 2 * pad;
    this.ensureSpace(h + 6);
    const y = this.doc.y;
    this.doc.save().roundedRect(this.left, y, this.width, h, 4).lineWidth(1).fillAndStroke('#fff8e1', '#e0b84c').restore();
    this.doc.font('regular').fontSize(SIZE.body).fillColor(COLOURS.text).text(text, this.left + pad, y + pad, { width: this.width - 2 * pad, lineGap: 1.5 });
    this.doc.x = this.left;
    this.doc.y = y + h + 10;
  }

  /** Label–value pairs in two columns; each pair is kept on one page. */
  facts(pairs: [string, string][]): void {
    const labelWidth = this.width * 0.34;
    const valueWidth = this.width - labelWidth - 8;
    for (const [label, value] of pairs) {
      const h = Math.max(this.textHeight(label, 'bold', SIZE.body, labelWidth), this.textHeight(value, 'regular', SIZE.body, valueWidth)) + 3;
      this.ensureSpace(h);
      const y = this.doc.y;
      this.doc.font('bold').fontSize(SIZE.body).fillColor(COLOURS.muted).text(label, this.left, y, { width: labelWidth, lineGap: 1.5 });
      this.doc.font('regular').fillColor(COLOURS.text).text(value || '—', this.left + labelWidth + 8, y, { width: valueWidth, lineGap: 1.5 });
      this.doc.x = this.left;
      this.doc.y = y + h;
    }
    this.doc.moveDown(0.5);
  }

  private columnWidths(columns: TableColumn[]): number[] {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    return columns.map((c) => (this.width * c.weight) / total);
  }

  private rowHeight(cells: string[], widths: number[], font: 'regular' | 'bold'): number {
    const pad = 4;
    return Math.max(...cells.map((c, i) => this.textHeight(c, font, SIZE.small + 0.5, widths[i]! - 2 * pad))) + 2 * pad;
  }

  /** What a heading above this table needs to keep with it: the header row and the first body row. */
  tableStart(columns: TableColumn[], rows: string[][]): number {
    const widths = this.columnWidths(columns);
    const header = this.rowHeight(columns.map((c) => c.header), widths, 'bold');
    return header + (rows[0] ? this.rowHeight(rows[0].map(clip), widths, 'regular') : 0);
  }

  private drawRow(cells: string[], widths: number[], font: 'regular' | 'bold', fill: string | null): void {
    const pad = 4;
    const h = this.rowHeight(cells, widths, font);
    const y = this.doc.y;
    if (fill) this.doc.save().rect(this.left, y, this.width, h).fill(fill).restore();
    let x = this.left;
    cells.forEach((cell, i) => {
      this.doc.font(font).fontSize(SIZE.small + 0.5).fillColor(COLOURS.text).text(cell, x + pad, y + pad, { width: widths[i]! - 2 * pad, lineGap: 1.5 });
      x += widths[i]!;
    });
    this.doc.save().moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(0.5).strokeColor(COLOURS.rule).stroke().restore();
    this.doc.x = this.left;
    this.doc.y = y + h;
  }

  /**
   * A table whose rows are never split across pages; the header row repeats at the top of each page. With
   * `carryFirstColumn`, rows that leave the first cell empty (continuations of a group, e.g. more tasks of a
   * goal) get the group's label back when they open a new page, so the page is readable on its own.
   */
  table(columns: TableColumn[], rows: string[][], opts: { carryFirstColumn?: boolean } = {}): void {
    const widths = this.columnWidths(columns);
    const headers = columns.map((c) => c.header);
    const headerHeight = this.rowHeight(headers, widths, 'bold');
    const body = rows.map((r) => r.map(clip));
    this.ensureSpace(headerHeight + (body[0] ? this.rowHeight(body[0], widths, 'regular') : 0));
    this.drawRow(headers, widths, 'bold', COLOURS.headerFill);
    let group = '';
    body.forEach((row, idx) => {
      let cells = row;
      if (cells[0]) group = cells[0];
      if (this.doc.y + this.rowHeight(cells, widths, 'regular') > this.bottom) {
        this.doc.addPage();
        this.drawRow(headers, widths, 'bold', COLOURS.headerFill);
        if (opts.carryFirstColumn && !cells[0] && group) cells = [group, ...cells.slice(1)];
      }
      this.drawRow(cells, widths, 'regular', idx % 2 === 1 ? COLOURS.zebra : null);
    });
    this.doc.moveDown(0.8);
  }

  /** Writes the header and footer on every page, then finishes the file. */
  async finish(): Promise<{ pdf: Buffer; pages: number }> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      const { margins } = this.doc.page;
      const saved = margins.bottom;
      margins.bottom = 0; // writing inside the margin must not start a new page
      const top = 30;
      const foot = this.doc.page.height - 40;
      this.doc.font('regular').fontSize(SIZE.small).fillColor(COLOURS.muted);
      this.doc.text(this.meta.headerLeft, this.left, top, { width: this.width * 0.65, lineBreak: false, ellipsis: true });
      this.doc.font('bold').text(this.meta.headerRight, this.left + this.width * 0.65, top, { width: this.width * 0.35, align: 'right', lineBreak: false });
      this.doc.save().moveTo(this.left, top + 14).lineTo(this.left + this.width, top + 14).lineWidth(0.5).strokeColor(COLOURS.rule).stroke().restore();
      this.doc.font('regular').fontSize(SIZE.small).fillColor(COLOURS.muted);
      this.doc.text(`${this.meta.footerLeft} · ${this.meta.headerRight}`, this.left, foot, { width: this.width * 0.7, lineBreak: false, ellipsis: true });
      this.doc.text(this.meta.pageLabel(i - range.start + 1, range.count), this.left + this.width * 0.7, foot, { width: this.width * 0.3, align: 'right', lineBreak: false });
      margins.bottom = saved;
    }
    this.doc.end();
    return { pdf: await this.done, pages: range.count };
  }
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}
