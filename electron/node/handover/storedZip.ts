import { crc32 } from 'node:zlib';
import yazl from 'yazl';
import yauzl from 'yauzl';
import { HandoverError } from './handoverError';

/**
 * The ZIP inside a handover file: every entry stored (no compression, so no decompression bomb) and read back
 * strictly (HANDOVER.md import step 4). Entry names are checked and used only as map keys, never as file paths.
 */

export interface ZipEntryInput {
  name: string;
  data: Uint8Array;
}

export const ZIP_LIMITS = { maxEntries: 500, maxDepth: 3 } as const;
/** Fixed date: the archive does not reveal when or in which time zone it was packed (the manifest says when). */
const FIXED_MTIME = new Date(Date.UTC(2020, 0, 1));

/**
 * Writes a stored ZIP. With `padToMultipleOf` the archive comment pads the archive to a multiple of that size:
 * the age payload then always ends with a full chunk, so a file cut short is recognised as incomplete rather than damaged.
 */
export function writeStoredZip(entries: ZipEntryInput[], padToMultipleOf?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const e of entries) zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, { compress: false, mtime: FIXED_MTIME });
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      const archive = Buffer.concat(chunks);
      resolve(padToMultipleOf ? padArchive(archive, padToMultipleOf) : archive);
    });
    zip.end();
  });
}

/** Appends spaces as the archive comment and records its length in the end-of-central-directory record. */
function padArchive(archive: Buffer, multiple: number): Buffer {
  const pad = (multiple - (archive.length % multiple)) % multiple;
  if (pad === 0) return archive;
  if (pad > 0xffff) throw new Error('Padding does not fit the archive comment.');
  const out = Buffer.alloc(archive.length + pad, 0x20);
  archive.copy(out);
  out.writeUInt16LE(pad, archive.length - 2);
  return out;
}

/** `..`, absolute paths, backslashes, drive letters, control characters, empty segments. */
function isUnsafeName(name: string): boolean {
  return (
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((seg) => seg === '..' || seg === '.' || seg === '') ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  );
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // Sizes are checked below, per entry and with its name (yauzl's own message for an encrypted stored entry reads
    // "size mismatch 2910 != 2910").
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(new HandoverError('zipInvalid', { detail: err?.message ?? 'unreadable' }));
      else resolve(zip);
    });
  });
}

interface CentralEntry {
  name: string;
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
  encrypted: boolean;
}

function readCentralDirectory(zip: yauzl.ZipFile): Promise<CentralEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: CentralEntry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.length >= ZIP_LIMITS.maxEntries) {
        zip.close();
        reject(new HandoverError('oversize', { what: `more than ${ZIP_LIMITS.maxEntries} archive entries` }));
        return;
      }
      const raw = entry.fileName as unknown as Buffer;
      entries.push({
        name: raw.toString('utf8'),
        offset: entry.relativeOffsetOfLocalHeader,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        compressionMethod: entry.compressionMethod,
        crc32: entry.crc32,
        encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
      });
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(err instanceof HandoverError ? err : new HandoverError('zipInvalid', { detail: err.message })));
    zip.readEntry();
  });
}

/**
 * Reads a stored ZIP strictly and returns its entries by name. `allowedName` decides which names may appear
 * (the caller passes the format's name rules).
 */
export async function readStoredZip(buffer: Buffer, allowedName: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const zip = await openZip(buffer);
  // yauzl starts its cursor at the central directory's offset from the end record: no entry data may reach past it.
  const centralDirectoryStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const entries = await readCentralDirectory(zip);
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (isUnsafeName(e.name)) throw new HandoverError('entryNameInvalid', { name: e.name.slice(0, 100) });
    // Case-variant twins would collide on Windows and macOS file systems: refused before the name rules.
    const folded = e.name.toLowerCase();
    if (seen.has(folded)) throw new HandoverError('entryDuplicate', { name: e.name.slice(0, 100) });
    seen.add(folded);
    if (e.name.split('/').length > ZIP_LIMITS.maxDepth) throw new HandoverError('entryNameInvalid', { name: e.name.slice(0, 100) });
    if (!allowedName(e.name)) throw new HandoverError('entryNameInvalid', { name: e.name.slice(0, 100) });
    if (e.encrypted) throw new HandoverError('entryEncrypted', { name: e.name });
    if (e.compressionMethod !== 0) throw new HandoverError('entryCompressed', { name: e.name });
    if (e.compressedSize !== e.uncompressedSize) throw new HandoverError('entrySizesDiffer', { name: e.name, stored: e.compressedSize, size: e.uncompressedSize });
    total += e.uncompressedSize;
    if (total > buffer.length) throw new HandoverError('oversize', { what: 'the archive entries add up to more than the archive itself' });
  }
  // Local headers and data must lie one after another, each inside the archive and before the central directory.
  const ranges = entries
    .map((e) => {
      if (e.offset + 30 > buffer.length || buffer.readUInt32LE(e.offset) !== 0x04034b50) throw new HandoverError('zipInvalid', { detail: `no local header for "${e.name}"` });
      const nameLength = buffer.readUInt16LE(e.offset + 26);
      const extraLength = buffer.readUInt16LE(e.offset + 28);
      const localName = buffer.subarray(e.offset + 30, e.offset + 30 + nameLength).toString('utf8');
      if (localName !== e.name) throw new HandoverError('zipInvalid', { detail: `local and central names differ for "${e.name}"` });
      const dataStart = e.offset + 30 + nameLength + extraLength;
      return { entry: e, start: e.offset, dataStart, end: dataStart + e.compressedSize };
    })
    .sort((a, b) => a.start - b.start);
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    const next = ranges[i + 1];
    if (r.end > centralDirectoryStart || r.end > buffer.length || (next && r.end > next.start)) throw new HandoverError('entryOverlap');
  }
  // Nothing unsigned hides between the entries: the first starts the archive, each ends where the next begins, the
  // last where the central directory begins (junk prepended to the first entry was accepted before).
  let expected = 0;
  for (const r of ranges) {
    if (r.start !== expected) throw new HandoverError('bytesOutsideEntries', { offset: expected });
    expected = r.end;
  }
  if (expected !== centralDirectoryStart) throw new HandoverError('bytesOutsideEntries', { offset: expected });
  const out = new Map<string, Buffer>();
  for (const r of ranges) {
    const data = buffer.subarray(r.dataStart, r.end);
    if (crc32(data) >>> 0 !== r.entry.crc32 >>> 0) throw new HandoverError('zipInvalid', { detail: `checksum of "${r.entry.name}" does not match` });
    out.set(r.entry.name, data);
  }
  return out;
}
