import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Every page of an SQLCipher v4 file (and of its WAL), decrypted with the raw data key: used pages and free pages
 * alike, so a test sees what a thief with the key (or a forensic tool) would see, not only what queries return.
 * Layout (SQLCipher v4, raw key): 4096-byte pages, 80 reserved bytes at each page's end (16-byte IV, 64-byte HMAC);
 * page 1 begins with the 16-byte salt, not encrypted.
 */
const PAGE = 4096;
const RESERVE = 80;

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const start = first ? 16 : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final()]);
}

export function decryptedDatabasePages(file: string, key: Buffer): Buffer[] {
  const bytes = readFileSync(file);
  const pages: Buffer[] = [];
  for (let off = 0; off + PAGE <= bytes.length; off += PAGE) pages.push(decryptPage(bytes.subarray(off, off + PAGE), key, off === 0));
  return pages;
}

/** WAL: a 32-byte header, then frames of a 24-byte header (page number first) and one encrypted page. */
export function decryptedWalPages(file: string, key: Buffer): Buffer[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  const pages: Buffer[] = [];
  for (let off = 32; off + 24 + PAGE <= bytes.length; off += 24 + PAGE) {
    const pageNo = bytes.readUInt32BE(off);
    pages.push(decryptPage(bytes.subarray(off + 24, off + 24 + PAGE), key, pageNo === 1));
  }
  return pages;
}

/** Page 1's header after the salt: page size 4096 (bytes 16–17) and 80 reserved bytes (byte 20) prove the key fits. */
export function looksDecrypted(firstPage: Buffer): boolean {
  return firstPage.readUInt16BE(0) === PAGE && firstPage[4] === RESERVE;
}
