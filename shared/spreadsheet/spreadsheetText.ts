// Text of a file a spreadsheet program wrote. Czech Excel saves "CSV (oddělený středníkem)" in Windows-1250,
// "CSV UTF-8" with a byte-order mark, and "Text v kódování Unicode" as UTF-16 LE with a mark; LibreOffice and
// scripts write UTF-8 without one. One helper for every import (directory, clients) so they agree.

export type SpreadsheetEncoding = 'utf-8' | 'utf-16le' | 'windows-1250';

export interface SpreadsheetText {
  /** The decoded text, without a byte-order mark. */
  text: string;
  encoding: SpreadsheetEncoding;
}

/**
 * WHATWG TextDecoder (built into Node with full ICU, Electron and Chromium) does the decoding; shared/ is
 * compiled without DOM or Node types, so the global is typed here by the little of it we use.
 */
interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;
const TextDecoderImpl = (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder;

/**
 * A mark decides; without one, bytes that are valid UTF-8 are UTF-8 (plain ASCII reads the same either way)
 * and anything else is Windows-1250, the Czech Windows code page. Never throws: 1250 maps (almost) every byte.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): SpreadsheetText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoderImpl('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoderImpl('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoderImpl('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoderImpl('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}
