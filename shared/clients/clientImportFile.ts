import { parseCsv, isBlankRecord } from '../directory/csv';
import { decodeSpreadsheetText, type SpreadsheetEncoding } from '../spreadsheet/spreadsheetText';

/**
 * `clients import FILE.csv`: a caseload spreadsheet as Czech Excel saves it (`;` or `,`, UTF-8 with or without a
 * BOM, Windows-1250), with English or Czech headers, day-first or ISO dates. Pure: the CLI reads the file, this
 * turns it into rows and problems (each with its line), and the backend checks what needs the database.
 */

export const CLIENT_IMPORT_COLUMNS = ['code', 'lastName', 'firstName', 'dateOfBirth', 'sex', 'prison', 'worker', 'team', 'earliestRelease'] as const;
export type ClientImportColumn = (typeof CLIENT_IMPORT_COLUMNS)[number];
const REQUIRED: readonly ClientImportColumn[] = ['code', 'lastName', 'firstName', 'dateOfBirth', 'sex', 'worker'];
export const CLIENT_IMPORT_MAX_ROWS = 10_000;

export type ClientImportSex = 'female' | 'male' | 'other' | 'unknown';

/** One client as the file gives it, dates already ISO; names of prison, worker and team as typed. */
export interface ClientImportRow {
  line: number;
  code: string;
  lastName: string;
  firstName: string;
  dateOfBirth: string;
  sex: ClientImportSex;
  prison: string;
  worker: string;
  team: string[];
  earliestRelease: string | null;
}

export type ClientImportProblemKey =
  | 'emptyFile'
  | 'missingColumn'
  | 'unknownColumn'
  | 'csvSyntax'
  | 'required'
  | 'badDate'
  | 'badSex'
  | 'badCode'
  | 'tooLong'
  | 'codeTaken'
  | 'codeTwice'
  | 'unknownWorker'
  | 'unknownPrison'
  | 'unknownTeamMember'
  | 'dates'
  | 'tooManyRows';

/** A refused row (or the header, line 1): the key of its sentence in locales/clientImport.ts and the values. */
export interface ClientImportProblem {
  line: number;
  key: ClientImportProblemKey;
  params: Record<string, string>;
}

/** Header text → column: case, diacritics, spaces, dashes and underscores do not count. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
const HEADER_NAMES: Record<ClientImportColumn, string[]> = {
  code: ['code', 'kod', 'kodklienta'],
  lastName: ['lastname', 'surname', 'prijmeni'],
  firstName: ['firstname', 'givenname', 'jmeno', 'krestnijmeno'],
  dateOfBirth: ['dateofbirth', 'birthdate', 'dob', 'datumnarozeni', 'narozen', 'narozena'],
  sex: ['sex', 'gender', 'pohlavi'],
  prison: ['prison', 'veznice', 'ustav'],
  worker: ['worker', 'assignedworker', 'pracovnik', 'odpovednypracovnik'],
  team: ['team', 'careteam', 'tym', 'tympece'],
  earliestRelease: ['earliestrelease', 'release', 'nejdrivemoznepropusteni', 'propusteni', 'nejdrivepropusteni'],
};
const COLUMN_BY_HEADER = new Map(Object.entries(HEADER_NAMES).flatMap(([col, names]) => names.map((n) => [n, col as ClientImportColumn])));

const SEX: Record<string, ClientImportSex> = {
  m: 'male', male: 'male', muz: 'male',
  f: 'female', female: 'female', z: 'female', zena: 'female',
  other: 'other', jine: 'other', jiny: 'other',
  unknown: 'unknown', neuvedeno: 'unknown', nezname: 'unknown', '?': 'unknown',
};

/** "5.3.1990", "5. 3. 1990", "05.03.1990" (day first, as Czech Excel writes) or ISO "1990-03-05"; null if no real date. */
export function parseImportDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const czech = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(t);
  const [y, m, d] = iso ? [+iso[1]!, +iso[2]!, +iso[3]!] : czech ? [+czech[3]!, +czech[2]!, +czech[1]!] : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Impossible dates (31.2.) are refused, never rolled over into the next month.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{2,19}$/;

export function parseClientImportFile(bytes: Uint8Array): { rows: ClientImportRow[]; problems: ClientImportProblem[]; encoding: SpreadsheetEncoding } {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const parsed = parseCsv(text);
  const problems: ClientImportProblem[] = parsed.errors.map((e) => ({ line: e.line, key: 'csvSyntax', params: {} }));
  const records = parsed.records.filter((r) => !isBlankRecord(r));
  const header = records.shift();
  if (!header) return { rows: [], problems: [...problems, { line: 1, key: 'emptyFile', params: {} }], encoding };

  const columns = header.fields.map((h) => COLUMN_BY_HEADER.get(fold(h)) ?? null);
  header.fields.forEach((h, i) => {
    if (!columns[i] && h.trim()) problems.push({ line: header.line, key: 'unknownColumn', params: { column: h.trim() } });
  });
  for (const col of REQUIRED) if (!columns.includes(col)) problems.push({ line: header.line, key: 'missingColumn', params: { column: col } });
  if (problems.some((p) => p.key === 'missingColumn' || p.key === 'unknownColumn')) return { rows: [], problems, encoding };
  if (records.length === 0) return { rows: [], problems: [...problems, { line: header.line, key: 'emptyFile', params: {} }], encoding };
  if (records.length > CLIENT_IMPORT_MAX_ROWS) return { rows: [], problems: [...problems, { line: header.line, key: 'tooManyRows', params: { max: String(CLIENT_IMPORT_MAX_ROWS) } }], encoding };

  const rows: ClientImportRow[] = [];
  for (const record of records) {
    const cell = (col: ClientImportColumn) => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (record.fields[i] ?? '').trim();
    };
    const line = record.line;
    const before = problems.length;
    const problem = (key: ClientImportProblemKey, params: Record<string, string> = {}) => problems.push({ line, key, params });
    for (const col of REQUIRED) if (!cell(col)) problem('required', { field: col });
    for (const col of ['lastName', 'firstName'] as const) if (cell(col).length > 100) problem('tooLong', { field: col });
    const code = cell('code').toUpperCase();
    if (code && !CODE.test(code)) problem('badCode', { value: cell('code') });
    const dateOfBirth = cell('dateOfBirth') ? parseImportDate(cell('dateOfBirth')) : null;
    if (cell('dateOfBirth') && !dateOfBirth) problem('badDate', { field: 'dateOfBirth', value: cell('dateOfBirth') });
    const earliestRelease = cell('earliestRelease') ? parseImportDate(cell('earliestRelease')) : null;
    if (cell('earliestRelease') && !earliestRelease) problem('badDate', { field: 'earliestRelease', value: cell('earliestRelease') });
    const sex = cell('sex') ? SEX[fold(cell('sex'))] : undefined;
    if (cell('sex') && !sex) problem('badSex', { value: cell('sex') });
    if (problems.length > before) continue;
    rows.push({
      line,
      code,
      lastName: cell('lastName'),
      firstName: cell('firstName'),
      dateOfBirth: dateOfBirth!,
      sex: sex!,
      prison: cell('prison'),
      worker: cell('worker'),
      team: cell('team').split(/\s+/).filter(Boolean),
      earliestRelease,
    });
  }
  return { rows, problems, encoding };
}
