import { inArray } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import type { ImportPreview } from '../../../shared/api/calls/directory';
import {
  DirectoryFileError,
  parseDirectoryFile,
  serializeDirectoryCsv,
  serializeDirectoryJson,
  type DirectoryFileFormat,
  type ImportRowError,
  type ParsedDirectoryFile,
} from '../../../shared/directory/serviceFile';
import type { Service } from '../../../shared/schemas/service';
import type { Db } from '../store/open';
import { services } from '../store/schema';
import { insertService, regionRefs, updateService } from './serviceRepository';

/** Reads a directory file against this installation's regions; a file-level problem becomes a specific API error. */
export function readDirectoryFile(db: Db, format: DirectoryFileFormat, content: string): ParsedDirectoryFile {
  try {
    return parseDirectoryFile(format, content, regionRefs(db));
  } catch (e) {
    if (e instanceof DirectoryFileError) throw apiError('REFUSED', e.message, `errors.file.${e.problem}`, e.params);
    throw e;
  }
}

function existingIds(db: Db, ids: string[]): Set<string> {
  if (!ids.length) return new Set();
  const found = new Set<string>();
  // Chunks keep the statement under SQLite's variable limit for large files.
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of db.select({ id: services.id }).from(services).where(inArray(services.id, ids.slice(i, i + 500))).all()) found.add(row.id);
  }
  return found;
}

export function previewImport(db: Db, format: DirectoryFileFormat, content: string): ImportPreview {
  const parsed = readDirectoryFile(db, format, content);
  const existing = existingIds(db, parsed.rows.flatMap((r) => (r.id ? [r.id] : [])));
  const regionName = new Map(regionRefs(db).map((r) => [r.id, r.names[0] ?? '']));
  return {
    rows: parsed.rows.map((r) => ({
      at: r.at,
      unit: r.unit,
      action: r.id && existing.has(r.id) ? 'update' : 'create',
      service: { ...r.service, regionName: regionName.get(r.service.regionId) ?? '' },
    })),
    errors: parsed.errors,
    ignoredColumns: parsed.ignoredColumns,
  };
}

/** Imports the valid rows of a file; call inside the transaction that records the audit entry. */
export function applyImport(db: Db, parsed: ParsedDirectoryFile, now: Date): { created: number; updated: number; errors: ImportRowError[] } {
  const existing = existingIds(db, parsed.rows.flatMap((r) => (r.id ? [r.id] : [])));
  let created = 0;
  let updated = 0;
  for (const row of parsed.rows) {
    if (row.id && existing.has(row.id)) {
      updateService(db, row.id, row.service, now, true);
      updated += 1;
    } else {
      insertService(db, row.service, now, row.id);
      created += 1;
    }
  }
  return { created, updated, errors: parsed.errors };
}

export function exportDirectory(list: Service[], format: DirectoryFileFormat, now: Date): { fileName: string; mimeType: string; content: string } {
  const stamp = now.toISOString().slice(0, 10);
  return format === 'csv'
    ? { fileName: `service-directory-${stamp}.csv`, mimeType: 'text/csv;charset=utf-8', content: serializeDirectoryCsv(list) }
    : { fileName: `service-directory-${stamp}.json`, mimeType: 'application/json', content: serializeDirectoryJson(list, now.toISOString()) };
}
