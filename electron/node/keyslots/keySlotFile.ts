import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { StoreError, storeErrorFromFs } from '../store/errors';
import { KEY_SLOT_FILE_NAME, parseKeySlotText, type KeySlotFile } from './keySlots';

/**
 * The key-slot file on disk: written so that no crash, short write or full disk can leave it worse than before,
 * with the previous good generation kept beside it (`throughcare.keys.json.prev`).
 */

export const PREVIOUS_SUFFIX = '.prev';
const MAX_FILE_BYTES = 1024 * 1024;

/** The few fs calls the writer makes; tests swap them (short writes, ENOSPC) through `keySlotFileSystem`. */
export interface KeySlotFs {
  openSync: typeof nodeFs.openSync;
  writeSync: (fd: number, buffer: Buffer, offset: number, length: number) => number;
  fsyncSync: typeof nodeFs.fsyncSync;
  closeSync: typeof nodeFs.closeSync;
  renameSync: typeof nodeFs.renameSync;
  readFileSync: (file: string) => Buffer;
  unlinkSync: typeof nodeFs.unlinkSync;
}
const realFs: KeySlotFs = {
  openSync: nodeFs.openSync,
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  renameSync: nodeFs.renameSync,
  readFileSync: (file) => nodeFs.readFileSync(file),
  unlinkSync: nodeFs.unlinkSync,
};
/** Test-only seam: replace `current` to inject failures; `reset()` puts the real fs back. */
export const keySlotFileSystem = { current: realFs, reset(): void { this.current = realFs; } };

function fsyncFolder(dir: string): void {
  // Windows cannot open a folder for fsync; there the rename is already durable (MoveFileEx write-through).
  if (process.platform === 'win32') return;
  const fd = nodeFs.openSync(dir, 'r');
  try {
    nodeFs.fsyncSync(fd);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/**
 * Full-write loop, fsync, read back and compare, rename, fsync the folder. On any failure the temp file is
 * removed and the target is untouched; the error says what happened (disk full, read-only, ...).
 */
export function writeFileDurably(target: string, data: Buffer): void {
  const fs = keySlotFileSystem.current;
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    let written = 0;
    while (written < data.length) {
      const n = fs.writeSync(fd, data, written, data.length - written);
      if (!(n > 0)) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      written += n;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    if (!fs.readFileSync(tmp).equals(data)) throw Object.assign(new Error('read-back mismatch'), { code: 'EIO' });
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) try { fs.closeSync(fd); } catch { /* already failing */ }
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    throw storeErrorFromFs(e, 'The key-slot file could not be written; the previous one is unchanged.');
  }
  try {
    fsyncFolder(path.dirname(target));
  } catch {
    // The rename happened; a folder that cannot be synced (some USB file systems) is not a reason to fail it.
  }
}

export function keySlotPaths(dataDir: string): { current: string; previous: string } {
  const current = path.join(dataDir, KEY_SLOT_FILE_NAME);
  return { current, previous: `${current}${PREVIOUS_SUFFIX}` };
}

/** Writes the new file; the one it replaces, when still readable, becomes the previous generation first. */
export function writeKeySlotFile(dataDir: string, file: KeySlotFile): void {
  const { current, previous } = keySlotPaths(dataDir);
  const data = Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
  const old = readText(current);
  const keep = old !== null && parseKeySlotText(old)?.intact ? Buffer.from(old, 'utf8') : nodeFs.existsSync(previous) ? null : data;
  if (keep) writeFileDurably(previous, keep);
  writeFileDurably(current, data);
}

function readText(file: string): string | null {
  try {
    const size = nodeFs.statSync(file).size;
    if (size > MAX_FILE_BYTES) return null;
    return nodeFs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw storeErrorFromFs(e, 'The key-slot file cannot be read.');
  }
}

export interface KeySlotCandidates {
  /** Usable files, best first: the current one, then the previous generation. */
  files: KeySlotFile[];
  /** The current file as far as it could be read (null when missing or unusable). */
  current: KeySlotFile | null;
  /** False when the current file is missing, unreadable or failed its schema (it will be repaired after unlock). */
  currentIntact: boolean;
}

/** Everything beside the database that might hold a usable slot; throws only when nothing does. */
export function readKeySlotCandidates(dataDir: string): KeySlotCandidates {
  const { current, previous } = keySlotPaths(dataDir);
  const currentText = readText(current);
  const parsedCurrent = currentText === null ? null : parseKeySlotText(currentText);
  const previousText = readText(previous);
  const parsedPrevious = previousText === null ? null : parseKeySlotText(previousText);
  const files = [parsedCurrent, parsedPrevious].flatMap((p) => (p ? [p.file] : []));
  if (!files.length) {
    if (currentText === null && previousText === null) {
      throw new StoreError('keySlotsMissing', 'The key-slot file is missing; the database cannot be unlocked without it. Restore it from a backup.');
    }
    throw new StoreError('keySlotsCorrupt', 'The key-slot file is damaged or not a Throughcare key-slot file. Restore it from a backup.');
  }
  return { files, current: parsedCurrent?.file ?? null, currentIntact: parsedCurrent?.intact === true };
}

/** The current file if intact, as before; for readers that only need names (app.status, PDFs). */
export function readKeySlotFile(filePath: string): KeySlotFile {
  const text = readText(filePath);
  if (text === null) throw new StoreError('keySlotsMissing', 'The key-slot file is missing; the database cannot be unlocked without it. Restore it from a backup.');
  const parsed = parseKeySlotText(text);
  if (!parsed) throw new StoreError('keySlotsCorrupt', 'The key-slot file is damaged or not a Throughcare key-slot file. Restore it from a backup.');
  return parsed.file;
}

/** Temp files left by a process killed mid-write; safe to remove once we hold the folder lock. */
export function removeStaleKeySlotTemps(dataDir: string): void {
  for (const name of nodeFs.readdirSync(dataDir)) {
    if (name.startsWith(`${KEY_SLOT_FILE_NAME}.`) && name.includes('.tmp-')) {
      try {
        nodeFs.unlinkSync(path.join(dataDir, name));
      } catch {
        // best effort: a leftover temp file is never read
      }
    }
  }
}
