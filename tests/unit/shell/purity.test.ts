import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';

const policyDir = fileURLToPath(new URL('../../../electron/main/policy/', import.meta.url));

describe('security policy modules', () => {
  it('import nothing from electron at run time, so tests check the real policy code', () => {
    for (const file of readdirSync(policyDir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(policyDir + file, 'utf8');
      const valueImports = src.match(/^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/gm) ?? [];
      expect(valueImports, file).toEqual([]);
      expect(src, file).not.toMatch(/require\(['"]electron['"]\)/);
    }
  });
});
