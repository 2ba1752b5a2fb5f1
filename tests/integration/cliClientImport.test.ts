import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../../electron/node/backend';
import { parseClientImportFile, parseImportDate } from '../../shared/clients/clientImportFile';
import { runCli } from '../helpers/cliProcess';
import { TempInstallation } from '../helpers/tempInstallation';

/**
 * `clients import FILE.csv`: a caseload as Czech Excel saves it (Windows-1250 with `;` and Czech headers, or UTF-8
 * with a BOM and `,`), registered all or nothing, every bad row reported with its line and a cs/en reason.
 * The CLI runs as a real child process; the fixtures were written by GNU iconv, not by our code.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/spreadsheet');
const PASSWORD = 'correct horse battery';
const env = { THROUGHCARE_PASSWORD: PASSWORD };
const cli = (args: string[]) => runCli(args, env);

let dir: string;
let data: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-import-'));
  data = path.join(dir, 'data');
  expect(cli(['init', '--data', data, '--org', 'Sananim', '--admin', 'admin']).code).toBe(0);
  // Staff and a prison, arranged through the same dispatcher in this process (the CLI is not running meanwhile).
  const backend = createBackend({ dataDir: data });
  try {
    const login = await backend.invoke('session.login', { username: 'admin', password: PASSWORD });
    expect(login.ok).toBe(true);
    for (const [username, role] of [['jnovak', 'caseworker'], ['pkral', 'clinician']] as const) {
      expect((await backend.invoke('users.create', { username, displayName: username, role, password: 'dlouhé heslo pracovníka' })).ok).toBe(true);
    }
    expect((await backend.invoke('reference.create', { kind: 'prison', name: 'Věznice Pankrác' })).ok).toBe(true);
    await backend.invoke('session.lock', { reason: 'user' });
  } finally {
    backend.close();
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const list = () => JSON.parse(cli(['clients', 'list', '--data', data, '--json']).stdout) as { code: string; firstName: string; lastName: string; prison: string | null; earliestRelease: string | null; assignedWorker: string | null }[];

describe('reading the spreadsheet (pure)', () => {
  it('day-first and ISO dates; impossible dates refused, never rolled over', () => {
    expect(parseImportDate('5.3.1990')).toBe('1990-03-05');
    expect(parseImportDate('05. 03. 1990')).toBe('1990-03-05');
    expect(parseImportDate('1990-03-05')).toBe('1990-03-05');
    expect(parseImportDate('29.2.2028')).toBe('2028-02-29');
    expect(parseImportDate('29.2.2027')).toBeNull();
    expect(parseImportDate('3/5/1990')).toBeNull();
    expect(parseImportDate('31.4.1990')).toBeNull();
  });

  it('a Windows-1250 file with Czech headers and a UTF-8 file with a BOM give the same kind of rows', () => {
    const cz = parseClientImportFile(readFileSync(path.join(FIXTURES, 'caseload-windows-1250.csv')));
    expect(cz.encoding).toBe('windows-1250');
    expect(cz.problems).toEqual([]);
    expect(cz.rows.map((r) => [r.line, r.code, r.lastName, r.firstName, r.dateOfBirth, r.sex, r.team, r.earliestRelease])).toEqual([
      [2, 'KZP-1001', 'Dvořák', 'Jiří', '1990-03-05', 'male', ['pkral'], '2027-09-01'],
      [3, 'KZP-1002', 'Šťastná', 'Růžena', '1985-11-17', 'female', [], null],
      [4, 'KZP-1003', 'Čermák', 'Ondřej', '2000-01-01', 'male', ['pkral', 'jnovak'], '2026-12-31'],
    ]);
    const bom = parseClientImportFile(readFileSync(path.join(FIXTURES, 'caseload-utf8-bom.csv')));
    expect(bom.encoding).toBe('utf-8');
    expect(bom.rows.map((r) => [r.code, r.lastName, r.firstName, r.sex])).toEqual([
      ['BRN-2001', 'Kovářová', 'Žaneta', 'female'],
      ['BRN-2002', 'Novák, ml.', 'Petr', 'male'],
    ]);
  });

  it('names a missing and an unknown column on line 1', () => {
    const r = parseClientImportFile(Buffer.from('code;lastName;firstName;sex;worker;shoeSize\nA-1;X;Y;m;jnovak;42\n'));
    expect(r.problems).toEqual([
      { line: 1, key: 'unknownColumn', params: { column: 'shoeSize' } },
      { line: 1, key: 'missingColumn', params: { column: 'dateOfBirth' } },
    ]);
  });
});

describe('the API is all or nothing', () => {
  it('one bad row among good ones: every table unchanged', async () => {
    const inst = await new TempInstallation().setup();
    try {
      const row = { code: 'ABC-0001', lastName: 'Dvořák', firstName: 'Jiří', dateOfBirth: '1990-03-05', sex: 'male' as const, prison: '', worker: 'admin', team: [], earliestRelease: null };
      const before = inst.snapshot();
      const r = await inst.call('clients.import', { rows: [{ ...row, line: 2 }, { ...row, line: 3, code: 'ABC-0002', worker: 'nikdo' }] });
      expect(r).toMatchObject({ imported: 0, problems: [{ line: 3, key: 'unknownWorker', params: { value: 'nikdo' } }] });
      expect(inst.snapshot()).toEqual(before);
      const ok = await inst.call('clients.import', { rows: [{ ...row, line: 2 }] });
      expect(ok).toMatchObject({ imported: 1, codes: ['ABC-0001'] });

      // The team column becomes the client's care team, by the same rule as on screen: caseworkers and clinicians.
      await inst.call('users.create', { username: 'pkral', displayName: 'Petr Král', role: 'clinician', password: 'dlouhé heslo klinika' });
      const beforeTeam = inst.snapshot();
      const admin = await inst.call('clients.import', { rows: [{ ...row, line: 2, code: 'ABC-0003', team: ['admin'] }] });
      expect(admin).toMatchObject({ imported: 0, problems: [{ line: 2, key: 'unknownTeamMember', params: { value: 'admin' } }] });
      expect(inst.snapshot()).toEqual(beforeTeam);
      const withTeam = await inst.call('clients.import', { rows: [{ ...row, line: 2, code: 'ABC-0003', team: ['PKral'] }] });
      expect(withTeam).toMatchObject({ imported: 1, codes: ['ABC-0003'] });
      const client = (await inst.call('clients.caseload', { limit: 200 })).rows.find((c) => c.code === 'ABC-0003')!;
      const team = await inst.call('careTeam.get', { clientId: client.id });
      expect(team.members.map((m) => m.displayName)).toEqual(['Petr Král']);
    } finally {
      inst.dispose();
    }
  }, 120_000);
});

describe('clients import FILE.csv (real child process)', () => {
  it('a file with bad rows: exit 1, every bad row with its line and a cs and en reason, nothing registered', () => {
    const bad = path.join(dir, 'spatne.csv');
    writeFileSync(
      bad,
      [
        'kód;příjmení;jméno;datum narození;pohlaví;věznice;pracovník;tým;propuštění',
        'AAA-0001;Dvořák;Jiří;5.3.1990;muž;Věznice Pankrác;jnovak;;',
        'AAA-0002;Malá;Eva;31.2.1990;žena;;jnovak;;',
        'AAA-0003;Velký;Jan;1.1.1980;kůň;;jnovak;;',
        'AAA-0001;Dvořák;Karel;1.1.1981;m;;jnovak;;',
        'AAA-0004;Nový;Adam;1.1.1982;m;Věznice Mars;nikdo;ghost;',
        'AAA-0005;;Bez příjmení;1.1.1983;m;;jnovak;;',
      ].join('\r\n'),
    );
    const r = cli(['clients', 'import', bad, '--data', data, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; imported: number; problems: { line: number; key: string; message: { cs: string; en: string } }[] };
    expect(out.ok).toBe(false);
    expect(out.imported).toBe(0);
    expect(out.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'badDate'],
      [4, 'badSex'],
      [5, 'codeTwice'],
      [6, 'unknownWorker'],
      [6, 'unknownPrison'],
      [6, 'unknownTeamMember'],
      [7, 'required'],
    ]);
    expect(out.problems[0]!.message.cs).toBe('Datum narození: „31.2.1990“ není platné datum (např. 5.3.1990 nebo 1990-03-05).');
    expect(out.problems[0]!.message.en).toBe('Date of birth: "31.2.1990" is not a valid date (e.g. 5.3.1990 or 1990-03-05).');
    expect(list()).toEqual([]);

    const human = cli(['clients', 'import', bad, '--data', data]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('řádek 7: Chybí příjmení.');
    expect(human.stdout).toContain('Nic nebylo zaregistrováno');
  }, 120_000);

  it('imports the Windows-1250 file and the UTF-8 BOM file; a second run refuses the codes now taken', () => {
    const cz = cli(['clients', 'import', path.join(FIXTURES, 'caseload-windows-1250.csv'), '--data', data]);
    expect(cz.stderr).toBe('');
    expect(cz.code).toBe(0);
    expect(cz.stdout).toContain('Zaregistrováni 3 klienti.');
    const bom = cli(['clients', 'import', path.join(FIXTURES, 'caseload-utf8-bom.csv'), '--data', data, '--lang', 'en', '--json']);
    expect(bom.code).toBe(0);
    expect(JSON.parse(bom.stdout)).toMatchObject({ ok: true, imported: 2, codes: ['BRN-2001', 'BRN-2002'] });

    const clients = list();
    expect(clients.map((c) => c.code).sort()).toEqual(['BRN-2001', 'BRN-2002', 'KZP-1001', 'KZP-1002', 'KZP-1003']);
    expect(clients.find((c) => c.code === 'KZP-1002')).toMatchObject({ lastName: 'Šťastná', firstName: 'Růžena', prison: 'Věznice Pankrác', assignedWorker: 'jnovak' });
    expect(clients.find((c) => c.code === 'KZP-1001')).toMatchObject({ earliestRelease: '2027-09-01' });
    expect(clients.find((c) => c.code === 'BRN-2002')).toMatchObject({ lastName: 'Novák, ml.', assignedWorker: 'pkral' });

    const again = cli(['clients', 'import', path.join(FIXTURES, 'caseload-utf8-bom.csv'), '--data', data, '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as { problems: { line: number; key: string }[] }).problems.map((p) => [p.line, p.key])).toEqual([
      [2, 'codeTaken'],
      [3, 'codeTaken'],
    ]);
    expect(list()).toHaveLength(5);
  }, 180_000);
});
