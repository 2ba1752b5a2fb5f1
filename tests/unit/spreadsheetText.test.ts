import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetText } from '../../shared/spreadsheet/spreadsheetText';

const FIXTURES = join(__dirname, '..', 'fixtures', 'spreadsheet');
const EXPECTED = 'Název;Typ;Kraj;Poznámka\r\nAzylový dům Žďár;Azylový dům;Kraj Vysočina;Přijímá ženy s dětmi – „kontakt“ předem\r\n';

describe('text of a file a spreadsheet wrote', () => {
  it('reads a Windows-1250 file written by GNU iconv (Czech Excel’s "CSV oddělený středníkem")', () => {
    const bytes = readFileSync(join(FIXTURES, 'excel-windows-1250.csv'));
    // The fixture really is 1250: "á" is one byte 0xE1, not UTF-8's C3 A1.
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0x4e, 0xe1, 0x7a]));
    expect(decodeSpreadsheetText(bytes)).toEqual({ text: EXPECTED, encoding: 'windows-1250' });
  });

  it('reads UTF-8 with a byte-order mark and drops the mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXPECTED, 'utf8')]);
    expect(decodeSpreadsheetText(bytes)).toEqual({ text: EXPECTED, encoding: 'utf-8' });
  });

  it('reads UTF-8 without a mark as UTF-8, not as 1250 mojibake', () => {
    expect(decodeSpreadsheetText(Buffer.from(EXPECTED, 'utf8'))).toEqual({ text: EXPECTED, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE with a mark (Excel’s "Text v kódování Unicode")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXPECTED, 'utf16le')]);
    expect(decodeSpreadsheetText(bytes)).toEqual({ text: EXPECTED, encoding: 'utf-16le' });
  });

  it('reads an empty file as empty text', () => {
    expect(decodeSpreadsheetText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});
