import { describe, expect, it } from 'vitest';
import { locales } from '../../shared/i18n';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  for (const [ns, pair] of Object.entries(locales)) {
    it(`${ns}: Czech and English have exactly the same keys, none empty`, () => {
      expect(keys(pair.cs).sort()).toEqual(keys(pair.en).sort());
      for (const lang of ['cs', 'en'] as const) {
        for (const k of keys(pair[lang])) {
          const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], pair[lang]);
          expect(typeof value === 'string' && value.trim().length > 0, `${lang}:${ns}.${k}`).toBe(true);
        }
      }
    });
  }

  it('every Czech pluralised key has the one/few/many/other forms Czech needs', () => {
    for (const pair of Object.values(locales)) {
      for (const k of keys(pair.cs).filter((key) => key.endsWith('_one'))) {
        const base = k.slice(0, -4);
        for (const form of ['_few', '_many', '_other']) expect(keys(pair.cs)).toContain(base + form);
      }
    }
  });
});
