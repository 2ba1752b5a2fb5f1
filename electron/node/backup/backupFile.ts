import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, openSync, type ReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import yauzl from 'yauzl';
import { backupManifestSchema, type BackupManifest } from '../../../shared/schemas/backup';
import { BackupError } from './backupError';

/**
 * The backup file (SPEC W12): one stored (uncompressed) ZIP with exactly three entries, in this order —
 * `throughcare.db` (the database pages, still encrypted with the data key), `throughcare.keys.json` (the key-slot
 * file, so any password valid at the time or the recovery key opens it) and `manifest.json` (time, database id,
 * generation, audit head and the SHA-256 of both parts). ZIP because any tool lists it, yazl/yauzl are already
 * our ZIP libraries, and both handle ZIP64 for databases over 4 GB.
 */

export const ENTRY = { database: 'throughcare.db', keySlots: 'throughcare.keys.json', manifest: 'manifest.json' } as const;
const ENTRY_NAMES: readonly string[] = [ENTRY.database, ENTRY.keySlots, ENTRY.manifest];
const MAX_SMALL_ENTRY = 1024 * 1024;
const FIXED_MTIME = new Date(Date.UTC(2020, 0, 1));

function hashingStream(hash: ReturnType<typeof createHash>, count: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      count.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

/**
 * Writes the backup to `tmpPath` and fsyncs it. `database` streams the encrypted pages; the manifest is completed
 * with the hashes once they are known. The caller renames the file into place.
 */
export async function writeBackupFile(
  tmpPath: string,
  database: ReadStream,
  keySlotBytes: Buffer,
  manifestWithoutParts: Omit<BackupManifest, 'parts'>,
): Promise<BackupManifest> {
  const zip = new yazl.ZipFile();
  const dbHash = createHash('sha256');
  const dbCount = { bytes: 0 };
  const hashed = database.pipe(hashingStream(dbHash, dbCount));
  database.on('error', (e) => hashed.destroy(e));
  const out = createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
  const written = pipeline(zip.outputStream as Readable, out);
  written.catch(() => undefined); // awaited below; a write error also reaches the wait for the database entry first
  zip.addReadStream(hashed, ENTRY.database, { compress: false, mtime: FIXED_MTIME });
  try {
    await new Promise<void>((resolve, reject) => {
      hashed.on('end', resolve);
      hashed.on('error', reject);
      out.on('error', reject);
    });
  } catch (e) {
    database.destroy();
    out.destroy();
    throw e;
  }
  const manifest: BackupManifest = {
    ...manifestWithoutParts,
    parts: {
      database: { size: dbCount.bytes, sha256: dbHash.digest('hex') },
      keySlots: { size: keySlotBytes.length, sha256: createHash('sha256').update(keySlotBytes).digest('hex') },
    },
  };
  zip.addBuffer(keySlotBytes, ENTRY.keySlots, { compress: false, mtime: FIXED_MTIME });
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), ENTRY.manifest, { compress: false, mtime: FIXED_MTIME });
  zip.end();
  await written;
  const fd = openSync(tmpPath, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return manifest;
}

export interface OpenedBackup {
  manifest: BackupManifest;
  keySlotBytes: Buffer;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) {
        const code = (err as { code?: string } | null)?.code;
        reject(code === 'ENOENT' ? new BackupError('fileMissing') : code === 'EACCES' || code === 'EPERM' ? new BackupError('fileUnreadable') : new BackupError('notABackup'));
      } else resolve(zip);
    });
  });
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      if (list.length > ENTRY_NAMES.length) {
        reject(new BackupError('notABackup'));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', () => reject(new BackupError('damaged', { part: 'zip' })));
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(new BackupError('damaged', { part: entry.fileName })) : resolve(stream)));
  });
}

async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_SMALL_ENTRY) throw new BackupError('notABackup');
  const chunks: Buffer[] = [];
  try {
    for await (const c of await readEntry(zip, entry)) chunks.push(c as Buffer);
  } catch (e) {
    throw e instanceof BackupError ? e : new BackupError('damaged', { part: entry.fileName });
  }
  return Buffer.concat(chunks);
}

/**
 * Reads and checks a backup file: exactly the three entries, stored, a valid manifest, and both parts matching
 * their SHA-256. With `extractDatabaseTo`, the database pages are also written to that path (exclusive create,
 * fsynced) in the same pass.
 */
export async function readBackupFile(file: string, opts: { extractDatabaseTo?: string } = {}): Promise<OpenedBackup> {
  const zip = await openZip(file);
  try {
    const list = await entries(zip);
    const byName = new Map(list.map((e) => [e.fileName, e]));
    if (list.length !== ENTRY_NAMES.length || !ENTRY_NAMES.every((n) => byName.has(n))) throw new BackupError('notABackup');
    if (list.some((e) => e.compressionMethod !== 0 || (e.generalPurposeBitFlag & 1) !== 0)) throw new BackupError('notABackup');
    let manifest: BackupManifest;
    try {
      manifest = backupManifestSchema.parse(JSON.parse((await readSmall(zip, byName.get(ENTRY.manifest)!)).toString('utf8')));
    } catch (e) {
      throw e instanceof BackupError ? e : new BackupError('damaged', { part: ENTRY.manifest });
    }
    const keySlotBytes = await readSmall(zip, byName.get(ENTRY.keySlots)!);
    if (keySlotBytes.length !== manifest.parts.keySlots.size || createHash('sha256').update(keySlotBytes).digest('hex') !== manifest.parts.keySlots.sha256) {
      throw new BackupError('damaged', { part: ENTRY.keySlots });
    }
    const dbEntry = byName.get(ENTRY.database)!;
    if (dbEntry.uncompressedSize !== manifest.parts.database.size) throw new BackupError('damaged', { part: ENTRY.database });
    const dbHash = createHash('sha256');
    const count = { bytes: 0 };
    const source = await readEntry(zip, dbEntry);
    try {
      if (opts.extractDatabaseTo) {
        await pipeline(source, hashingStream(dbHash, count), createWriteStream(opts.extractDatabaseTo, { flags: 'wx', mode: 0o600 }));
        const fd = openSync(opts.extractDatabaseTo, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      } else {
        for await (const c of source) {
          dbHash.update(c as Buffer);
          count.bytes += (c as Buffer).length;
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOSPC') throw new BackupError('diskFull');
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new BackupError('folderReadOnly');
      throw new BackupError('damaged', { part: ENTRY.database });
    }
    if (count.bytes !== manifest.parts.database.size || dbHash.digest('hex') !== manifest.parts.database.sha256) throw new BackupError('damaged', { part: ENTRY.database });
    return { manifest, keySlotBytes };
  } finally {
    zip.close();
  }
}

/** Only the manifest (for listing a folder); null when the file is not a readable backup. */
export async function readBackupManifest(file: string): Promise<BackupManifest | null> {
  try {
    const zip = await openZip(file);
    try {
      const entry = (await entries(zip)).find((e) => e.fileName === ENTRY.manifest);
      return entry ? backupManifestSchema.parse(JSON.parse((await readSmall(zip, entry)).toString('utf8'))) : null;
    } finally {
      zip.close();
    }
  } catch {
    return null;
  }
}

