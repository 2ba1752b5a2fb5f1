// A small RFC 4180 reader and writer. No CSV library is installed (papaparse, csv-parse absent) and this is
// all the directory exchange needs: quoted fields with "" escapes, delimiters and line breaks inside quotes,
// CRLF / LF / CR line ends, a UTF-8 BOM, and the semicolon that Czech Excel writes. Each record keeps the
// physical line it starts on, so that errors can name the line a user sees in their editor.

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvProblem = 'unterminatedQuote' | 'textAfterQuote';
export interface CsvError {
  line: number;
  problem: CsvProblem;
}

export interface CsvParseResult {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  /** Records with a syntax problem are left out of `records` and reported here. */
  errors: CsvError[];
}

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The delimiter used in the first record: whichever of `,` `;` tab occurs most outside quotes (ties: comma). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * Parses CSV text. A record with a syntax error is reported by its starting line and skipped; an unterminated
 * quote swallows the rest of the file (as in any CSV reader), so it is reported once and parsing stops.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvParseResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let problem: CsvProblem | null = null;
    let endOfRecord = false;

    while (!endOfRecord) {
      if (i < n && text[i] === '"') {
        // Quoted field: runs to the next lone quote; "" is a literal quote; line breaks are kept.
        const quoteLine = line;
        i += 1;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            line += 1;
            if (ch === '\r' && text[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
              continue;
            }
          }
          field += ch;
          i += 1;
        }
        if (!closed) {
          errors.push({ line: quoteLine, problem: 'unterminatedQuote' });
          return { delimiter, records, errors };
        }
        // Only a delimiter or the end of the record may follow a closing quote.
        if (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          problem ??= 'textAfterQuote';
          while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') i += 1;
        }
      } else {
        while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          field += text[i];
          i += 1;
        }
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === delimiter) {
        i += 1;
        continue;
      }
      // End of record: a line break (CRLF, LF or CR) or the end of the text.
      if (i < n && text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
      else if (i < n && text[i] === '\n') i += 1;
      if (i <= n) line += 1;
      endOfRecord = true;
    }

    if (problem) errors.push({ line: startLine, problem });
    else records.push({ line: startLine, fields });
  }
  return { delimiter, records, errors };
}

/** True for a record that is only empty cells, e.g. the `;;;;` lines spreadsheets leave at the end. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}

/**
 * Spreadsheet formula injection (CWE-1236): a cell that starts with = @ tab or CR, or with + / - followed by
 * something other than a digit or space (phone numbers such as "+420 …" stay as they are), is written with a
 * leading apostrophe. A value that already starts with apostrophes before one of those gets one more,
 * so that `unguardCell(guardCell(v)) === v` for every value.
 */
const NEEDS_GUARD = /^'*(?:[=@\t\r]|[+-][^\d\s])/;
export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}
export function unguardCell(value: string): string {
  return value.startsWith("'") && NEEDS_GUARD.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteIfNeeded(value: string, delimiter: CsvDelimiter): string {
  return value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r') || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/**
 * Writes RFC 4180 CSV: CRLF line ends, quotes only where needed, a UTF-8 BOM so that spreadsheet programs
 * read the diacritics correctly. Cells are formula-guarded (see `guardCell`).
 */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return BOM + rows.map((row) => row.map((cell) => quoteIfNeeded(guardCell(cell), delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
