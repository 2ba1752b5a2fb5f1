import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cliProcess';

/** `report …` as a coordinator's script would run it: two installations, every step a real child process. */
const env = { THROUGHCARE_PASSWORD: 'correct horse battery' };
const cli = (args: string[]) => runCli(args, env, 180_000);
const json = <T = Record<string, unknown>>(args: string[]) => {
  const r = cli([...args, '--json']);
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};
const today = new Date().toISOString().slice(0, 10);
const period = ['--from', `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, '--to', today];

let dir: string;
let prison: string;
let coordinator: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-report-'));
  prison = path.join(dir, 'prison');
  coordinator = path.join(dir, 'coordinator');
  expect(cli(['init', '--data', prison, '--org', 'Sananim z.ú.', '--admin', 'admin']).code).toBe(0);
  expect(cli(['init', '--data', coordinator, '--org', 'Koordinace programu', '--admin', 'admin']).code).toBe(0);
  expect(cli(['demo', '--data', prison, '--clients', '40', '--notes', '200', '--assessments', '0']).code).toBe(0);
}, 300_000); // three child processes, two of them deriving Argon2id keys, on a shared 2-core machine
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report commands', () => {
  it('indicators prints every indicator with numerator and denominator; a bad period is one line and exit 1', () => {
    const d = json<{ indicators: { id: string; numerator: number; denominator: number }[] }>(['report', 'indicators', '--data', prison, ...period]);
    expect(d.indicators).toHaveLength(15);
    expect(d.indicators.find((i) => i.id === 'clientsByStatus')!.denominator).toBe(40);
    const bad = cli(['report', 'indicators', '--data', prison, '--from', today, '--to', '2000-01-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('start of the period');
  }, 180_000);

  it('export writes the per-client and the period CSV, semicolon-separated with a BOM', () => {
    const out = path.join(dir, 'evaluation.csv');
    const r = json<{ perClient: { rows: number } }>(['report', 'export', '--data', prison, ...period, '--out', out]);
    expect(r.perClient.rows).toBe(40);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFpseudonym;age_band;')).toBe(true);
    expect(readFileSync(path.join(dir, 'evaluation-period.csv'), 'utf8')).toContain(';clientsByStatus;');
  }, 180_000);

  it('bundle → pin the card → import on the coordinator → duplicate refused → programme sums', () => {
    const card = path.join(dir, 'prison.card.json');
    const code = json<{ safetyCode: string }>(['identity', 'card', '--data', prison, '--out', card]).safetyCode;
    const file = path.join(dir, 'report.json');
    json(['report', 'bundle', '--data', prison, ...period, '--out', file]);

    json(['contacts', 'add', card, '--verified-code', code, '--data', coordinator]);
    expect(cli(['report', 'import', file, '--data', coordinator]).code).toBe(0);
    const again = cli(['report', 'import', file, '--data', coordinator]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/REFUSED: .*already been imported/);

    const p = json<{ sources: { organisation: string }[]; indicators: { id: string; numerator: number; denominator: number }[] }>(['report', 'programme', '--data', coordinator, ...period]);
    expect(p.sources.map((s) => s.organisation)).toEqual(['Sananim z.ú.']);
    expect(p.indicators.find((i) => i.id === 'clientsByStatus')!.denominator).toBe(40);
  }, 300_000);
});
