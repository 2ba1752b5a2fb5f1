import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cliProcess';

const env = { THROUGHCARE_PASSWORD: 'correct horse battery' };

const cli = (args: string[]) => runCli(args, env);

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-clients-'));
  data = path.join(dir, 'data');
  expect(cli(['init', '--data', data, '--org', 'Sananim', '--admin', 'admin']).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo data and clients list (real child process)', () => {
  it('demo generates clients, notes and assessments into the encrypted installation', () => {
    const r = cli(['demo', '--data', data, '--clients', '120', '--notes', '900', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ clients: 120, notes: 900, assessments: 600 });
  });

  it('clients list --json prints every client with code, names, prison and status', () => {
    const r = cli(['clients', 'list', '--data', data, '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { code: string; firstName: string; lastName: string; prison: string; status: string }[];
    expect(list).toHaveLength(120);
    expect(list[0]).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z]{3}-\d{4}$/), prison: expect.stringMatching(/^Věznice /) }));
    expect(new Set(list.map((c) => c.code)).size).toBe(120);
    // names with diacritics survive the round trip through JSON on stdout
    expect(list.some((c) => /[ěščřžýáíéůú]/i.test(`${c.firstName}${c.lastName}`))).toBe(true);
  });

  it('clients list --search finds by a word from a note, without diacritics', () => {
    const all = JSON.parse(cli(['clients', 'list', '--data', data, '--json']).stdout) as unknown[];
    const r = cli(['clients', 'list', '--data', data, '--json', '--search', 'naloxonu'] );
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as unknown[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
  });

  it('refuses a bad status or count with a one-line reason and a non-zero exit', () => {
    const bad = cli(['clients', 'list', '--data', data, '--status', 'free']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toMatch(/^Error: Unknown status "free"/);
    const badCount = cli(['demo', '--data', data, '--clients', '-5']);
    expect(badCount.code).not.toBe(0);
    expect(badCount.stderr.trim().split('\n')).toHaveLength(1);
  });
});
