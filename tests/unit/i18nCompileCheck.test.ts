import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const tsc = path.resolve('node_modules/typescript/bin/tsc');
const compile = (...files: string[]): string => {
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--lib', 'ES2023,DOM', ...files], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout);
  }
};

const WRONG_KEY_FIXTURE = 'tests/unit/fixtures/wrongTextKey.ts';
/** Both broken fixtures in one compiler run (each error names its file): one tsc start instead of two. */
let fixtures = '';
// About 12 s of CPU (the typed keys of every namespace are large unions); on a machine shared by many test runs
// its wall time has exceeded the default 60 s hook limit, hence the longer one.
beforeAll(() => {
  fixtures = compile('tests/unit/fixtures/incompleteTexts.ts', WRONG_KEY_FIXTURE);
}, 180_000);

describe('texts are checked by the compiler', () => {
  it('a key in one language only, or a missing Czech plural form, fails the typecheck and is named', () => {
    const out = fixtures;
    expect(out).toContain('error TS');
    expect(out).toContain('visits:onlyInCzech');
    expect(out).toMatch(/visits:clients_few|visits:clients_many/);
    expect(out).toContain('incompleteTexts.ts');
  });

  it("the app's own texts pass the same check", () => {
    expect(compile('shared/i18n/checks.ts')).toBe('');
  });

  it('a t() key that does not exist fails the typecheck at that call, and only there', () => {
    const lines = readFileSync(WRONG_KEY_FIXTURE, 'utf8').split('\n');
    const wrong = lines.flatMap((l, i) => (l.includes('// WRONG') ? [i + 1] : []));
    expect(wrong).toHaveLength(3);
    const failing = [...fixtures.matchAll(/wrongTextKey\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1]));
    expect([...new Set(failing)].sort((a, b) => a - b)).toEqual(wrong);
  });
});
