import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { fusesConfig } from '../../../electron/main/policy';

describe('fusesConfig', () => {
  const fuses = fusesConfig();

  it('stops the binary being used as a plain Node interpreter (ELECTRON_RUN_AS_NODE)', () => {
    expect(fuses.RunAsNode).toBe(false);
  });
  it('stops code injection through NODE_OPTIONS', () => {
    expect(fuses.EnableNodeOptionsEnvironmentVariable).toBe(false);
  });
  it('stops attaching a debugger with --inspect', () => {
    expect(fuses.EnableNodeCliInspectArguments).toBe(false);
  });
  it('refuses a tampered app.asar', () => {
    expect(fuses.EnableEmbeddedAsarIntegrityValidation).toBe(true);
  });
  it('refuses to load app code from outside app.asar', () => {
    expect(fuses.OnlyLoadAppFromAsar).toBe(true);
  });
  it('encrypts cookies at rest', () => {
    expect(fuses.EnableCookieEncryption).toBe(true);
  });
  it('matches the electronFuses section of build/electron-builder.yml', () => {
    const yml = readFileSync(fileURLToPath(new URL('../../../build/electron-builder.yml', import.meta.url)), 'utf8');
    const section = yml.split(/^electronFuses:\s*$/m)[1] ?? '';
    const toYmlKey = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
    for (const [key, value] of Object.entries(fuses)) {
      expect(section, key).toMatch(new RegExp(`^\\s+${toYmlKey(key)}:\\s*${String(value)}\\s*$`, 'm'));
    }
  });
});
