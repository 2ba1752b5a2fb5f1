import { describe, expect, it } from 'vitest';
import { detectDelimiter, guardCell, parseCsv, unguardCell, writeCsv } from '../../shared/directory/csv';
import {
  DirectoryFileError,
  parseDirectoryCsv,
  parseDirectoryJson,
  serializeDirectoryCsv,
  serializeDirectoryJson,
  type RegionRef,
} from '../../shared/directory/serviceFile';
import type { Service } from '../../shared/schemas/service';

const REGIONS: RegionRef[] = [
  { id: 'r-pha', names: ['Hlavní město Praha'] },
  { id: 'r-jhm', names: ['Jihomoravský kraj'] },
];

describe('RFC 4180 reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each record’s start line', () => {
    const text = 'a,b,c\r\n"x, y","He said ""hi""","line one\r\nline two"\r\nplain,,end\r\n';
    const { records, errors, delimiter } = parseCsv(text);
    expect(delimiter).toBe(',');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'He said "hi"', 'line one\r\nline two'] },
      { line: 4, fields: ['plain', '', 'end'] },
    ]);
  });

  it('accepts LF and lone CR line ends and a missing final line break', () => {
    expect(parseCsv('a,b\nc,d').records.map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d\r').records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [2, 'c', 'd']]);
  });

  it('strips a UTF-8 BOM so that the first column name is not polluted', () => {
    expect(parseCsv('\uFEFFname,type\nA,B\n').records[0]!.fields).toEqual(['name', 'type']);
  });

  it('detects the semicolon of Czech Excel exports, ignoring commas inside quotes', () => {
    expect(detectDelimiter('name;type;address\n')).toBe(';');
    expect(detectDelimiter('"a,b,c";d;e\n')).toBe(';');
    expect(detectDelimiter('name,type;x,y\n')).toBe(',');
    expect(detectDelimiter('name\ttype\taddress\n')).toBe('\t');
    expect(parseCsv('name;adresa\n"Na Slupi 1, Praha";x\n').records[1]!.fields).toEqual(['Na Slupi 1, Praha', 'x']);
  });

  it('reports an unterminated quote at the line where it opens and stops there', () => {
    const r = parseCsv('a,b\n1,2\n"open,3\n4,5\n');
    expect(r.records.map((x) => x.line)).toEqual([1, 2]);
    expect(r.errors).toEqual([{ line: 3, problem: 'unterminatedQuote' }]);
  });

  it('reports text after a closing quote and skips only that record', () => {
    const r = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(r.errors).toEqual([{ line: 2, problem: 'textAfterQuote' }]);
    expect(r.records.map((x) => x.fields)).toEqual([['a', 'b'], ['3', '4']]);
  });

  it('writes what it reads: quotes, delimiters, line breaks, leading spaces, CRLF and a BOM', () => {
    const rows = [['name', 'note'], ['Šárka; "Nová"', 'řádek 1\nřádek 2'], [' space', ''], ['a,b', '+420 222 333 444']];
    for (const delimiter of [',', ';'] as const) {
      const text = writeCsv(rows, delimiter);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(parseCsv(text, delimiter).records.map((r) => r.fields)).toEqual(rows);
    }
  });

  it('guards cells against spreadsheet formula injection and undoes the guard on reading', () => {
    expect(guardCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('-cmd')).toBe("'-cmd");
    expect(guardCell('+420 222 333 444')).toBe('+420 222 333 444'); // phone numbers stay readable
    expect(guardCell('- po domluvě')).toBe('- po domluvě');
    for (const v of ['=1+1', "'=1+1", "''=x", '@x', '+x', '+420', 'plain', "'quoted", '\tTab']) expect(unguardCell(guardCell(v))).toBe(v);
  });
});

const HEADER = 'id,name,type,region,address,contact_person,phone,email,website,opening_hours,intake_criteria';

describe('directory CSV rows', () => {
  it('imports valid rows and reports every bad row by its line with the reason', () => {
    const text = [
      HEADER,
      ',Azylový dům Naděje,shelter,Hlavní město Praha,"Na Slupi 1, Praha 2",Jana Nováková,+420 222 333 444,nadeje@example.cz,,nonstop,"muži 18+\nbez psa"',
      ',,detox,Hlavní město Praha,,,,,,,', // line 4: name missing (line 3 is the continuation of line 2's quoted field)
      ',Centrum X,hostel,Hlavní město Praha,,,,,,,', // line 5: unknown type
      ',Centrum Y,detox,Atlantida,,,,,,,', // line 6: unknown region
      ',Centrum Z,detox,Hlavní město Praha,,,,not-an-email,,,', // line 7
      ',Too many,detox,Hlavní město Praha,,,,,,,,extra', // line 8: column count
      ',Substituce Brno,OAT provider,Jihomoravský kraj,,,,,,,', // line 9: English label and region name accepted
      'not-a-uuid,Bad id,detox,Hlavní město Praha,,,,,,,', // line 10
      ';;;;', // not blank in comma mode: one cell → column count
      ',,,,,,,,,,', // blank record: skipped silently
    ].join('\n');
    const parsed = parseDirectoryCsv(text, REGIONS);
    expect(parsed.rows.map((r) => [r.at, r.service.name, r.service.type, r.service.regionId])).toEqual([
      [2, 'Azylový dům Naděje', 'shelter', 'r-pha'],
      [9, 'Substituce Brno', 'oat_provider', 'r-jhm'],
    ]);
    expect(parsed.rows[0]!.service.intakeCriteria).toBe('muži 18+\nbez psa');
    expect(parsed.errors.map((e) => [e.at, e.reason, e.field ?? null])).toEqual([
      [4, 'required', 'name'],
      [5, 'unknownType', 'type'],
      [6, 'unknownRegion', 'region'],
      [7, 'invalidEmail', 'email'],
      [8, 'columnCount', null],
      [10, 'invalidId', 'id'],
      [11, 'columnCount', null],
    ]);
    expect(parsed.errors[1]!.message).toBe('Line 5: type "hostel" is not a known service type.');
  });

  it('reads a semicolon-separated Czech Excel export with BOM, Czech type names and any header case', () => {
    const text = '\uFEFFNázev;Name;Type;Region;Opening_Hours\r\nx;Kontaktní centrum Sananim;Harm reduction / kontaktní centrum;Hlavní město Praha;"po–pá 9:00–17:00; so zavřeno"\r\n';
    const parsed = parseDirectoryCsv(text, REGIONS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.delimiter).toBe(';');
    expect(parsed.ignoredColumns).toEqual(['Název']);
    expect(parsed.rows[0]!.service).toMatchObject({ name: 'Kontaktní centrum Sananim', type: 'harm_reduction', regionId: 'r-pha', openingHours: 'po–pá 9:00–17:00; so zavřeno', address: '' });
  });

  it('refuses a file without the required columns as a whole, naming them', () => {
    expect(() => parseDirectoryCsv('name,address\nA,B\n', REGIONS)).toThrow(expect.objectContaining({ problem: 'missingColumns', params: { columns: 'type, region' } }));
    expect(() => parseDirectoryCsv('\uFEFF  \n', REGIONS)).toThrow(DirectoryFileError);
  });

  it('refuses a second row with the same id', () => {
    const id = '8f7c6a1e-2b9d-4c3e-9f10-1a2b3c4d5e6f';
    const parsed = parseDirectoryCsv(`id,name,type,region\n${id},A,detox,hlavní město praha\n${id.toUpperCase()},B,detox,hlavní město praha\n`, REGIONS);
    expect(parsed.rows.map((r) => r.service.name)).toEqual(['A']);
    expect(parsed.errors.map((e) => [e.at, e.reason])).toEqual([[3, 'duplicateId']]);
  });

  it('CSV and JSON serialisation round-trip every field losslessly, formula-like values included', () => {
    const services: Service[] = [
      {
        id: '0b5d6a9c-1e2f-4a3b-8c4d-5e6f7a8b9c0d', name: 'Terapeutická komunita Karlov, "Sananim"', type: 'therapeutic_community', regionId: 'r-pha', regionName: 'Hlavní město Praha',
        address: 'Karlov 1\n252 10 Mníšek', contactPerson: 'Žaneta Šťastná', phone: '+420 777 888 999', email: 'tk@example.cz', website: 'https://example.cz',
        openingHours: '=nonstop', intakeCriteria: '  18+; abstinence 14 dní ', createdAt: 'x', updatedAt: 'x', removedAt: null,
      },
    ];
    const fromCsv = parseDirectoryCsv(serializeDirectoryCsv(services), REGIONS);
    expect(fromCsv.errors).toEqual([]);
    const { createdAt: _c, updatedAt: _u, removedAt: _r, regionName: _n, id, ...fields } = services[0]!;
    // Leading/trailing spaces are trimmed by the schema: the stored value is already trimmed.
    expect(fromCsv.rows).toEqual([{ at: 2, unit: 'line', id, service: { ...fields, intakeCriteria: '18+; abstinence 14 dní' } }]);
    const fromJson = parseDirectoryJson(serializeDirectoryJson(services, '2025-01-01T00:00:00.000Z'), REGIONS);
    expect(fromJson.rows[0]).toEqual({ at: 1, unit: 'entry', id, service: { ...fields, intakeCriteria: '18+; abstinence 14 dní' } });
  });

  it('JSON: reports bad entries by position and refuses files that are not directories', () => {
    const file = JSON.stringify({ format: 'throughcare.service-directory', version: 1, services: [{ name: 'A', type: 'detox', region: 'r-pha' }, 'x', { name: 'B', type: 'detox', region: 'r-pha', extra: 1 }] });
    const parsed = parseDirectoryJson(file, REGIONS);
    expect(parsed.rows.map((r) => r.service.name)).toEqual(['A']);
    expect(parsed.errors.map((e) => [e.at, e.unit, e.reason, e.field ?? null])).toEqual([[2, 'entry', 'notAnObject', null], [3, 'entry', 'unknownField', 'extra']]);
    expect(() => parseDirectoryJson('{"services": []}', REGIONS)).toThrow(expect.objectContaining({ problem: 'notADirectoryFile' }));
    expect(() => parseDirectoryJson('{oops', REGIONS)).toThrow(expect.objectContaining({ problem: 'invalidJson' }));
    expect(() => parseDirectoryJson(JSON.stringify({ format: 'throughcare.service-directory', version: 9, services: [] }), REGIONS)).toThrow(expect.objectContaining({ problem: 'unsupportedVersion' }));
  });
});
