import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Makes a rename inside `folder` durable by flushing the folder itself (Linux, macOS). Best effort: Windows cannot
 * open a folder and FAT sticks do not support it; there the file's own fsync is what we have. The key-slot writer
 * keeps a strict variant of its own, because there a rename that may not survive must fail loudly.
 */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // not supported on this platform or file system
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
