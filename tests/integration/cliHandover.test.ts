import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cliProcess';

/**
 * The headless handover path of issue 5, as an admin script would run it: two installations in temp
 * folders, every step a real child process on the real files.
 */
const env = { THROUGHCARE_PASSWORD: 'correct horse battery' };
const cli = (args: string[]) => runCli(args, env, 180_000);
const json = (args: string[]) => {
  const r = cli([...args, '--json']);
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

let dir: string;
let a: string;
let b: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-handover-'));
  a = path.join(dir, 'prison');
  b = path.join(dir, 'community');
  expect(cli(['init', '--data', a, '--org', 'Věznice Pankrác', '--admin', 'admin']).code).toBe(0);
  expect(cli(['init', '--data', b, '--org', 'K-centrum Kladno', '--admin', 'admin']).code).toBe(0);
  expect(cli(['demo', '--data', a, '--clients', '3', '--notes', '30']).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('handover through the CLI (issue 5, headless)', () => {
  let fingerprintB = '';
  let clientCode = '';
  const bundle = () => path.join(dir, 'case.handover');
  const receipt = () => path.join(dir, 'case.receipt');

  it('identity show prints the fingerprint and a 30-digit safety code; cards are exchanged and pinned', () => {
    const showB = json(['identity', 'show', '--data', b]);
    expect(showB.safetyCode).toMatch(/^\d{30}$|^(\d{5}\s?){6}$/);
    fingerprintB = String(showB.fingerprint);
    const cardB = path.join(dir, 'b.card.json');
    const cardA = path.join(dir, 'a.card.json');
    expect(json(['identity', 'card', '--data', b, '--out', cardB]).fingerprint).toBe(fingerprintB);
    const codeA = String(json(['identity', 'card', '--data', a, '--out', cardA]).safetyCode);

    // a code that does not match the card is refused with a reason, and nothing is pinned
    const wrong = cli(['contacts', 'add', cardB, '--verified-code', '1'.repeat(30), '--data', a]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli(['contacts', 'add', cardB, '--verified-code', String(showB.safetyCode), '--data', a]).code).toBe(0);
    expect(cli(['contacts', 'add', cardA, '--verified-code', codeA, '--data', b]).code).toBe(0);
  });

  it('export is refused without consent or with a typed one, then allowed after consent add --contact', () => {
    const list = JSON.parse(cli(['clients', 'list', '--data', a, '--json']).stdout) as { code: string }[];
    clientCode = list[0]!.code;
    const refused = cli(['handover', 'export', '--client', clientCode, '--to', fingerprintB, '--out', bundle(), '--data', a]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/consent/i);
    expect(() => statSync(bundle())).toThrow();

    // A typed organisation (first-contact passphrase only) does not open the export to a pinned contact.
    expect(cli(['consent', 'add', '--client', clientCode, '--org', 'K-centrum Kladno', '--sections', 'all', '--data', a]).code).toBe(0);
    expect(cli(['handover', 'export', '--client', clientCode, '--to', fingerprintB, '--out', bundle(), '--data', a]).code).not.toBe(0);
    const both = cli(['consent', 'add', '--client', clientCode, '--org', 'K-centrum Kladno', '--contact', fingerprintB, '--data', a]);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('--contact');
    expect(cli(['consent', 'add', '--client', clientCode, '--contact', fingerprintB, '--sections', 'all', '--data', a]).code).toBe(0);
    const exported = cli(['handover', 'export', '--client', clientCode, '--to', fingerprintB, '--out', bundle(), '--custody', '--data', a]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(statSync(bundle()).size).toBeGreaterThan(1000);
  });

  it('verify decrypts and checks without writing; a flipped byte is refused with a specific reason', () => {
    const verified = json(['handover', 'verify', bundle(), '--data', b]);
    expect(JSON.stringify(verified)).toContain(clientCode);
    expect(JSON.parse(cli(['clients', 'list', '--data', b, '--json']).stdout)).toEqual([]);
    const damaged = path.join(dir, 'damaged.handover');
    const bytes = readFileSync(bundle());
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const r = cli(['handover', 'verify', damaged, '--data', b]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('import writes the receipt; the receipt back on the sender ticks it and the case stays read-only there', () => {
    expect(cli(['handover', 'import', bundle(), '--receipt-out', receipt(), '--data', b]).code).toBe(0);
    const onB = JSON.parse(cli(['clients', 'list', '--data', b, '--json']).stdout) as { code: string; custody: string }[];
    expect(onB).toHaveLength(1);
    expect(onB[0]!.custody).toBe('held');

    expect(cli(['receipt', 'import', receipt(), '--data', a]).code).toBe(0);
    const onA = JSON.parse(cli(['clients', 'list', '--data', a, '--json']).stdout) as { code: string; custody: string; flags: string[] }[];
    const sent = onA.find((c) => c.code === clientCode)!;
    expect(sent.custody).toBe('handedOver');
    expect(sent.flags).toContain('handedOver');
    // the same receipt again is refused, and the audit chain is intact on both sides
    expect(cli(['receipt', 'import', receipt(), '--data', a]).code).not.toBe(0);
    expect(cli(['audit', 'verify', '--data', a]).code).toBe(0);
    expect(cli(['audit', 'verify', '--data', b]).code).toBe(0);
  });
});
