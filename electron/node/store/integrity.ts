import type Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, fstatSync } from 'node:fs';

/**
 * Integrity checks of the encrypted database (SPEC §6 "damage is detected", W12 `doctor`).
 *
 * SQLite3MultipleCiphers authenticates every page with its HMAC when the page is read, and fails the read with
 * SQLITE_CORRUPT when the HMAC does not hold. It has no `PRAGMA cipher_integrity_check` (that is Zetetic's
 * SQLCipher; here the pragma is unknown and silently returns nothing), so a check of the page HMACs is a read
 * of every page: `PRAGMA integrity_check` reads every b-tree page, which authenticates each of them as well.
 *
 * - `quickCheck` runs at every unlock and must fit the 150 ms budget at 10,000 clients / 500,000 notes, where a
 *   whole-file `quick_check` takes tens of seconds. It reads the schema, the database geometry, the small tables
 *   that unlock and login depend on completely, and the first and last leaf of every table (root and edge pages).
 * - `fullCheck` reads every page (HMAC + structure) and the foreign keys: `doctor` and every backup run it.
 * - `inspectWal` reads the write-ahead log before SQLite opens it: SQLite silently drops every frame after one that
 *   fails its checksum, so a flipped byte there would lose acknowledged transactions without a word.
 */

export type IntegrityProblem =
  | { kind: 'pageDamaged'; detail: string }
  | { kind: 'structure'; detail: string }
  | { kind: 'walDamaged'; lostTransactions: number };

/** SQLite's answer to a page that fails its HMAC or a malformed b-tree. */
export function isDamageError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'));
}

/** Tables read completely at unlock: small, and needed before anything else works. */
const SMALL_TABLES = ['users', 'settings', 'audit_head', '__drizzle_migrations'];
const REQUIRED_TABLES = ['users', 'settings', 'audit_log', 'audit_head', 'clients'];

export function quickCheck(sqlite: Database.Database): IntegrityProblem | null {
  try {
    const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
    const freelist = sqlite.pragma('freelist_count', { simple: true }) as number;
    if (!(pageCount > 0) || freelist < 0 || freelist >= pageCount) return { kind: 'structure', detail: `page count ${pageCount}, free pages ${freelist}` };
    const tables = sqlite
      .prepare(`SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string; wr: number }[];
    const names = new Set(tables.map((t) => t.name));
    const missing = REQUIRED_TABLES.filter((t) => !names.has(t));
    if (missing.length) return { kind: 'structure', detail: `missing tables: ${missing.join(', ')}` };
    for (const table of SMALL_TABLES.filter((t) => names.has(t))) {
      const result = sqlite.pragma(`quick_check("${table}")`, { simple: true });
      if (result !== 'ok') return { kind: 'structure', detail: `${table}: ${String(result)}` };
    }
    for (const t of tables) {
      // The first and the last row of each table: every page from the root to both edge leaves is read and authenticated.
      sqlite.prepare(`SELECT 1 FROM "${t.name}" LIMIT 1`).get();
      if (!t.wr) sqlite.prepare(`SELECT max(rowid) FROM "${t.name}"`).get();
    }
    return null;
  } catch (e) {
    if (isDamageError(e)) return { kind: 'pageDamaged', detail: (e as Error).message };
    throw e;
  }
}

export interface FullCheckResult {
  ok: boolean;
  problems: IntegrityProblem[];
}

/** Every page authenticated and every b-tree checked; slow on large databases (tens of seconds at 500,000 notes). */
export function fullCheck(sqlite: Database.Database): FullCheckResult {
  const problems: IntegrityProblem[] = [];
  try {
    const rows = sqlite.pragma('integrity_check(20)') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (messages.length) problems.push({ kind: 'structure', detail: messages.join('; ').slice(0, 500) });
    const orphans = sqlite.pragma('foreign_key_check') as unknown[];
    if (orphans.length) problems.push({ kind: 'structure', detail: `${orphans.length} rows point to missing rows (foreign keys)` });
  } catch (e) {
    if (!isDamageError(e)) throw e;
    problems.push({ kind: 'pageDamaged', detail: (e as Error).message });
  }
  return { ok: problems.length === 0, problems };
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * Reads `<db>-wal` without SQLite and counts the committed transactions SQLite would drop: commit frames of the
 * current WAL generation (matching salts) that come after the first frame whose cumulative checksum fails. A
 * transaction torn by a crash before it was acknowledged has no commit frame after the break and is not counted.
 * The checksum is SQLite's own (WAL file format, sqlite.org/fileformat.html §4.1), computed over the encrypted frames.
 */
export function inspectWal(walPath: string): IntegrityProblem | null {
  if (!existsSync(walPath)) return null;
  const fd = openSync(walPath, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER) return null;
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return null; // not a WAL SQLite would replay either
    const bigEndian = (magic & 1) === 1;
    const pageSize = header.readUInt32BE(8) === 1 ? 65536 : header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    let sum = walChecksum(header.subarray(0, 24), [0, 0], bigEndian);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null; // an invalid header: SQLite ignores the whole file
    const frame = Buffer.alloc(FRAME_HEADER + pageSize);
    let broken = false;
    let lost = 0;
    for (let offset = WAL_HEADER; offset + frame.length <= size; offset += frame.length) {
      readSync(fd, frame, 0, frame.length, offset);
      const sameGeneration = frame.readUInt32BE(8) === salt1 && frame.readUInt32BE(12) === salt2;
      // A frame of an older generation (or with a damaged salt) ends what SQLite replays; later frames of this
      // generation that commit were acknowledged and are lost.
      if (!sameGeneration) {
        broken = true;
        continue;
      }
      const isCommit = frame.readUInt32BE(4) !== 0;
      if (!broken) {
        sum = walChecksum(frame.subarray(FRAME_HEADER), walChecksum(frame.subarray(0, 8), sum, bigEndian), bigEndian);
        if (sum[0] === frame.readUInt32BE(16) && sum[1] === frame.readUInt32BE(20)) continue;
        broken = true;
      }
      if (isCommit) lost += 1;
    }
    return lost > 0 ? { kind: 'walDamaged', lostTransactions: lost } : null;
  } finally {
    closeSync(fd);
  }
}

function walChecksum(data: Buffer, start: [number, number], bigEndian: boolean): [number, number] {
  let s0 = start[0];
  let s1 = start[1];
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}
