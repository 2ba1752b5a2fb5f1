import { fsyncFolder } from '../store/fsyncFolder';
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { apiError } from '../../../shared/api';
import { AGE_LIMITS } from './ageContainer';
import { HandoverError } from './handoverError';

/**
 * Reading a handover or receipt file the user picked, and writing one to a USB stick.
 *
 * Reading: the path is opened once and everything after that looks at the descriptor, never at the path again
 * (a `stat` on the path reports 0 bytes for /dev/zero and cannot tell what will be read). A FIFO is opened without
 * blocking, a device, FIFO, socket or directory is refused by `fstat`, and at most the cap + 1 byte is ever read.
 */

export type FileSource = { path: string } | { contentBase64: string };

const CAP_LABEL = '256 MiB';
// Windows has no O_NONBLOCK; FIFOs do not exist there either.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function unreadable(file: string): never {
  throw apiError('NOT_FOUND', `The file ${file} cannot be read.`, 'errors.handover.fileUnreadable', { path: file });
}

/** Reads a picked file, at most `cap` bytes; anything bigger, or not a regular file, is refused without reading on. */
export function readSourceBytes(source: FileSource, cap: number = AGE_LIMITS.maxFileBytes): Buffer {
  if ('contentBase64' in source) {
    if (source.contentBase64.length > (cap * 4) / 3 + 4) throw new HandoverError('tooLarge', { limit: CAP_LABEL });
    const bytes = Buffer.from(source.contentBase64, 'base64');
    if (bytes.length > cap) throw new HandoverError('tooLarge', { limit: CAP_LABEL });
    return bytes;
  }
  let fd: number;
  try {
    fd = openSync(source.path, OPEN_FLAGS);
  } catch (e) {
    // Opening a directory read-only succeeds on Linux; elsewhere it fails with EISDIR: both are "not a file".
    if ((e as { code?: string }).code === 'EISDIR') throw new HandoverError('notRegularFile');
    unreadable(source.path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new HandoverError('notRegularFile');
    if (stat.size > cap) throw new HandoverError('tooLarge', { limit: CAP_LABEL });
    // One byte more than fstat promised tells that the file grew while being read; never more than cap + 1.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, cap) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      let n: number;
      try {
        n = readSync(fd, buffer, filled, buffer.length - filled, null);
      } catch (e) {
        if ((e as { code?: string }).code === 'EAGAIN') throw new HandoverError('notRegularFile');
        unreadable(source.path);
      }
      if (n === 0) break;
      filled += n;
    }
    if (filled > cap) throw new HandoverError('tooLarge', { limit: CAP_LABEL });
    if (filled !== stat.size) throw new HandoverError('fileChanged');
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes next to the target, flushes it to the medium and renames, so that a half-written file never carries the
 * final name and an acknowledged file survives a pulled plug.
 */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    fsyncFolder(path.dirname(file));
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code ?? 'unknown';
    throw apiError('STORAGE', `The file could not be written to ${path.dirname(file)} (${code}): is the USB stick read-only or full? Nothing was changed.`, 'errors.handover.writeFailed', { folder: path.dirname(file), code });
  }
}

