import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tsc = path.resolve('node_modules/typescript/bin/tsc');
const compile = (file: string, ...extra: string[]): string => {
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', ...extra, file], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout);
  }
};

describe('texts are checked by the compiler', () => {
  it('a key in one language only, or a missing Czech plural form, fails the typecheck and is named', () => {
    const out = compile('tests/unit/fixtures/incompleteTexts.ts');
    expect(out).toContain('error TS');
    expect(out).toContain('visits:onlyInCzech');
    expect(out).toMatch(/visits:clients_few|visits:clients_many/);
    expect(out).toContain('incompleteTexts.ts');
  });

  it("the app's own texts pass the same check", () => {
    expect(compile('shared/i18n/checks.ts')).toBe('');
  });

  it('a t() key that does not exist fails the typecheck at that call, and only there', () => {
    const file = 'tests/unit/fixtures/wrongTextKey.ts';
    const out = compile(file, '--lib', 'ES2023,DOM', '--jsx', 'react-jsx');
    const lines = readFileSync(file, 'utf8').split('\n');
    const wrong = lines.flatMap((l, i) => (l.includes('// WRONG') ? [i + 1] : []));
    expect(wrong).toHaveLength(3);
    const failing = [...out.matchAll(/wrongTextKey\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1]));
    expect([...new Set(failing)].sort((a, b) => a - b)).toEqual(wrong);
  });
});
