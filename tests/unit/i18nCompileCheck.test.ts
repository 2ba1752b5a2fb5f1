import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tsc = path.resolve('node_modules/typescript/bin/tsc');
const compile = (file: string): string => {
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', file], { encoding: 'utf8' });
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
});
