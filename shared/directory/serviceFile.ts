// Reading and writing the service directory exchange files (CSV and JSON). Pure: the Node side feeds it the
// file text and the region reference list, and imports only what comes back as valid after the user confirms.
import { z } from 'zod';
import { SERVICE_FILE_FIELDS, SERVICE_TYPES, serviceIdSchema, serviceInputSchema, type Service, type ServiceFileField, type ServiceInput, type ServiceType } from '../schemas/service';
import { directory as directoryTexts } from '../i18n/locales/directory';
import { isBlankRecord, parseCsv, unguardCell, writeCsv, type CsvDelimiter } from './csv';

export const DIRECTORY_FILE_FORMAT = 'throughcare.service-directory';
export const DIRECTORY_FILE_VERSION = 1;
/** Large enough for a national directory, small enough to keep a preview instant. */
export const DIRECTORY_MAX_ROWS = 5000;
export const DIRECTORY_MAX_CHARS = 5_000_000;

export const directoryFileFormatSchema = z.enum(['csv', 'json']);
export type DirectoryFileFormat = z.infer<typeof directoryFileFormatSchema>;

/** Why a row was refused; the UI translates each code (directory:import.reasons.*). */
export const IMPORT_REASONS = [
  'required',
  'tooLong',
  'unknownType',
  'unknownRegion',
  'invalidEmail',
  'invalidId',
  'duplicateId',
  'columnCount',
  'unterminatedQuote',
  'textAfterQuote',
  'notAnObject',
  'unknownField',
  'invalidValue',
] as const;
export const importReasonSchema = z.enum(IMPORT_REASONS);
export type ImportReason = z.infer<typeof importReasonSchema>;

export const importRowErrorSchema = z.object({
  /** CSV: the physical line the row starts on (header = line 1). JSON: the entry's position in `services` (1-based). */
  at: z.number().int(),
  unit: z.enum(['line', 'entry']),
  /** The file's column / key, when the problem is one field. */
  field: z.string().optional(),
  reason: importReasonSchema,
  /** The offending value, shortened, so the user recognises the row. */
  value: z.string().optional(),
  /** English sentence for logs, CLI and tests. */
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** File-level problems: nothing can be read row by row. */
export const FILE_PROBLEMS = ['empty', 'tooLarge', 'tooManyRows', 'missingColumns', 'invalidJson', 'notADirectoryFile', 'unsupportedVersion'] as const;
export type DirectoryFileProblem = (typeof FILE_PROBLEMS)[number];
export class DirectoryFileError extends Error {
  constructor(
    readonly problem: DirectoryFileProblem,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'DirectoryFileError';
  }
}

export interface ImportedServiceRow {
  at: number;
  unit: 'line' | 'entry';
  /** Present when the file names the entry (our own exports do): the import then updates that entry. */
  id?: string;
  service: ServiceInput;
}

export interface ParsedDirectoryFile {
  rows: ImportedServiceRow[];
  errors: ImportRowError[];
  /** CSV columns we do not know; reported, not an error. */
  ignoredColumns: string[];
  delimiter?: CsvDelimiter;
}

/** A region of the reference list: its id and every name a file may use for it. */
export interface RegionRef {
  id: string;
  names: string[];
}

/** File column name of each field: `contactPerson` ↔ `contact_person`. */
export const CSV_COLUMNS = ['id', ...SERVICE_FILE_FIELDS].map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const REQUIRED_COLUMNS = ['name', 'type', 'region'];
const normaliseKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const normaliseName = (s: string) => s.trim().toLocaleLowerCase('cs').replace(/\s+/g, ' ');

function typeLookup(): Map<string, ServiceType> {
  const map = new Map<string, ServiceType>();
  for (const code of SERVICE_TYPES) {
    map.set(normaliseName(code), code);
    map.set(normaliseName(directoryTexts.cs.types[code]), code);
    map.set(normaliseName(directoryTexts.en.types[code]), code);
  }
  return map;
}

function regionLookup(regions: readonly RegionRef[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of regions) {
    map.set(normaliseName(r.id), r.id);
    for (const name of r.names) map.set(normaliseName(name), r.id);
  }
  return map;
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

const REASON_TEXT: Record<ImportReason, string> = {
  required: 'is required',
  tooLong: 'is too long',
  unknownType: 'is not a known service type',
  unknownRegion: 'is not a region of the reference list',
  invalidEmail: 'is not an e-mail address',
  invalidId: 'is not a valid entry id (UUID)',
  duplicateId: 'names the same entry as an earlier row',
  columnCount: 'has a different number of cells than the header',
  unterminatedQuote: 'has a quote that is never closed',
  textAfterQuote: 'has text after a closing quote',
  notAnObject: 'is not an object',
  unknownField: 'is not a field of a directory entry',
  invalidValue: 'is not valid',
};

function rowError(at: number, unit: 'line' | 'entry', reason: ImportReason, field?: string, value?: unknown): ImportRowError {
  const where = `${unit === 'line' ? 'Line' : 'Entry'} ${at}`;
  const what = field ? `: ${field}${value !== undefined && value !== '' ? ` "${short(value)}"` : ''} ${REASON_TEXT[reason]}` : `: the row ${REASON_TEXT[reason]}`;
  return { at, unit, reason, message: `${where}${what}.`, ...(field ? { field } : {}), ...(value !== undefined ? { value: short(value) } : {}) };
}

/**
 * Validates one entry (already mapped to field names) and resolves type and region names to codes.
 * Returns the first problem of each field, so a user fixing the file sees all of them at once.
 */
function validateEntry(
  raw: Record<string, unknown>,
  at: number,
  unit: 'line' | 'entry',
  fieldLabel: (field: string) => string,
  types: Map<string, ServiceType>,
  regions: Map<string, string>,
): { row?: ImportedServiceRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const candidate: Record<string, unknown> = { ...raw };
  delete candidate.id;
  delete candidate.region;

  if (typeof raw.type === 'string' && raw.type.trim() !== '') {
    const type = types.get(normaliseName(raw.type));
    if (type) candidate.type = type;
    else errors.push(rowError(at, unit, 'unknownType', fieldLabel('type'), raw.type));
  }
  if (typeof raw.region === 'string' && raw.region.trim() !== '') {
    const region = regions.get(normaliseName(raw.region));
    if (region) candidate.regionId = region;
    else errors.push(rowError(at, unit, 'unknownRegion', fieldLabel('region'), raw.region));
  }
  let id: string | undefined;
  if (raw.id !== undefined && raw.id !== null && raw.id !== '') {
    const parsedId = serviceIdSchema.safeParse(typeof raw.id === 'string' ? raw.id.trim() : raw.id);
    if (parsedId.success) id = parsedId.data.toLowerCase();
    else errors.push(rowError(at, unit, 'invalidId', fieldLabel('id'), raw.id));
  }

  const parsed = serviceInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set(errors.map((e) => e.field));
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push(rowError(at, unit, 'unknownField', key));
        continue;
      }
      const key = issue.path[0] === 'regionId' ? 'region' : String(issue.path[0] ?? '');
      const label = fieldLabel(key);
      if (seen.has(label)) continue;
      seen.add(label);
      const value = raw[key];
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      const reason: ImportReason = empty && (key === 'name' || key === 'type' || key === 'region')
        ? 'required'
        : issue.code === 'too_big'
          ? 'tooLong'
          : key === 'email'
            ? 'invalidEmail'
            : key === 'type'
              ? 'unknownType'
              : 'invalidValue';
      errors.push(rowError(at, unit, reason, label, empty ? undefined : value));
    }
  }
  if (errors.length || !parsed.success) return { errors };
  return { row: { at, unit, ...(id ? { id } : {}), service: parsed.data }, errors };
}

/** Marks rows that name an id already used by an earlier row; both cannot be imported. */
function refuseDuplicateIds(result: ParsedDirectoryFile, fieldLabel: string): void {
  const seen = new Set<string>();
  result.rows = result.rows.filter((row) => {
    if (!row.id) return true;
    if (!seen.has(row.id)) {
      seen.add(row.id);
      return true;
    }
    result.errors.push(rowError(row.at, row.unit, 'duplicateId', fieldLabel, row.id));
    return false;
  });
}

function checkSize(text: string): void {
  if (text.length > DIRECTORY_MAX_CHARS) {
    throw new DirectoryFileError('tooLarge', `The file is larger than ${DIRECTORY_MAX_CHARS / 1_000_000} MB.`, { max: DIRECTORY_MAX_CHARS / 1_000_000 });
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new DirectoryFileError('empty', 'The file is empty.');
}

/** Reads a directory CSV: header row with our column names (any case, `_` or not), `,` `;` or tab separated. */
export function parseDirectoryCsv(text: string, regions: readonly RegionRef[]): ParsedDirectoryFile {
  checkSize(text);
  const csv = parseCsv(text);
  const [header, ...body] = csv.records;
  const result: ParsedDirectoryFile = { rows: [], errors: [], ignoredColumns: [], delimiter: csv.delimiter };
  if (!header || (csv.errors[0] && csv.errors[0].line <= header.line)) {
    throw new DirectoryFileError('missingColumns', `The first line must name the columns: ${REQUIRED_COLUMNS.join(', ')}.`, { columns: REQUIRED_COLUMNS.join(', ') });
  }
  const known = new Map(CSV_COLUMNS.map((c) => [normaliseKey(c), c]));
  const fieldOf = new Map(CSV_COLUMNS.map((c, idx) => [c, idx === 0 ? 'id' : SERVICE_FILE_FIELDS[idx - 1]!]));
  const columns = header.fields.map((h) => known.get(normaliseKey(h)) ?? null);
  header.fields.forEach((h, idx) => {
    if (!columns[idx] && h.trim() !== '') result.ignoredColumns.push(h.trim());
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new DirectoryFileError('missingColumns', `The header line lacks the column(s): ${missing.join(', ')}.`, { columns: missing.join(', ') });
  }
  const records = body.filter((r) => !isBlankRecord(r));
  if (records.length > DIRECTORY_MAX_ROWS) {
    throw new DirectoryFileError('tooManyRows', `The file has more than ${DIRECTORY_MAX_ROWS} rows.`, { max: DIRECTORY_MAX_ROWS });
  }
  for (const e of csv.errors) result.errors.push(rowError(e.line, 'line', e.problem));

  const types = typeLookup();
  const regionMap = regionLookup(regions);
  const columnOfField = new Map([...fieldOf.entries()].map(([column, field]) => [field, column]));
  const label = (field: string) => columnOfField.get(field) ?? field;
  for (const record of records) {
    if (record.fields.length !== header.fields.length) {
      result.errors.push({ ...rowError(record.line, 'line', 'columnCount'), value: `${record.fields.length}/${header.fields.length}` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    record.fields.forEach((cell, idx) => {
      const column = columns[idx];
      if (column) raw[fieldOf.get(column)!] = unguardCell(cell);
    });
    const { row, errors } = validateEntry(raw, record.line, 'line', label, types, regionMap);
    result.errors.push(...errors);
    if (row) result.rows.push(row);
  }
  refuseDuplicateIds(result, 'id');
  result.errors.sort((a, b) => a.at - b.at);
  return result;
}

const jsonFileSchema = z.object({
  format: z.literal(DIRECTORY_FILE_FORMAT),
  version: z.number(),
  exportedAt: z.string().optional(),
  services: z.array(z.unknown()),
});

/** Reads our JSON export (or a bare array of entries). */
export function parseDirectoryJson(text: string, regions: readonly RegionRef[]): ParsedDirectoryFile {
  checkSize(text);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DirectoryFileError('invalidJson', `The file is not valid JSON (${(e as Error).message}).`);
  }
  let entries: unknown[];
  if (Array.isArray(data)) entries = data;
  else {
    const file = jsonFileSchema.safeParse(data);
    if (!file.success) throw new DirectoryFileError('notADirectoryFile', 'The file is not a Throughcare service directory.');
    if (file.data.version !== DIRECTORY_FILE_VERSION) {
      throw new DirectoryFileError('unsupportedVersion', `Directory file version ${file.data.version} is not supported.`, { version: file.data.version });
    }
    entries = file.data.services;
  }
  if (entries.length > DIRECTORY_MAX_ROWS) throw new DirectoryFileError('tooManyRows', `The file has more than ${DIRECTORY_MAX_ROWS} entries.`, { max: DIRECTORY_MAX_ROWS });
  const result: ParsedDirectoryFile = { rows: [], errors: [], ignoredColumns: [] };
  const types = typeLookup();
  const regionMap = regionLookup(regions);
  entries.forEach((entry, idx) => {
    const at = idx + 1;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      result.errors.push(rowError(at, 'entry', 'notAnObject'));
      return;
    }
    const { row, errors } = validateEntry(entry as Record<string, unknown>, at, 'entry', (f) => f, types, regionMap);
    result.errors.push(...errors);
    if (row) result.rows.push(row);
  });
  refuseDuplicateIds(result, 'id');
  result.errors.sort((a, b) => a.at - b.at);
  return result;
}

export function parseDirectoryFile(format: DirectoryFileFormat, text: string, regions: readonly RegionRef[]): ParsedDirectoryFile {
  return format === 'csv' ? parseDirectoryCsv(text, regions) : parseDirectoryJson(text, regions);
}

/** What an export needs of an entry: the stored fields and the region's name. */
export type ExportableService = Pick<Service, 'id' | 'regionName' | keyof ServiceInput>;

/** The exchanged fields of an entry, in file order: what both formats carry. */
export function exchangedEntry(service: ExportableService): Record<'id' | ServiceFileField, string> {
  const value = (f: ServiceFileField) => (f === 'region' ? service.regionName : service[f]);
  return Object.fromEntries([['id', service.id], ...SERVICE_FILE_FIELDS.map((f) => [f, value(f)])]) as Record<'id' | ServiceFileField, string>;
}

export function serializeDirectoryCsv(services: readonly ExportableService[], delimiter: CsvDelimiter = ','): string {
  return writeCsv([CSV_COLUMNS, ...services.map((s) => Object.values(exchangedEntry(s)))], delimiter);
}

export function serializeDirectoryJson(services: readonly ExportableService[], exportedAt: string): string {
  return `${JSON.stringify({ format: DIRECTORY_FILE_FORMAT, version: DIRECTORY_FILE_VERSION, exportedAt, services: services.map(exchangedEntry) }, null, 2)}\n`;
}
