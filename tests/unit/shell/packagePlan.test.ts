import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { PACKED_BUNDLES, electronCacheDir, electronDistribution } from '../../../scripts/package-plan.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { bundleShell } from '../../../scripts/bundle-shell.mjs';

type Dist = { kind: 'dir'; dir: string } | { kind: 'cache'; zip: string } | { kind: 'missing'; message: string };
const decide = electronDistribution as (o: Record<string, unknown>) => Dist;
const base = { nodeModulesDist: '/app/node_modules/electron/dist', cacheDir: '/home/u/.cache/electron', version: '38.8.6', platform: 'linux', arch: 'x64' };

describe('npm run package: where Electron comes from', () => {
  it('takes an explicit local copy, else node_modules/electron/dist, else the cached zip', () => {
    expect(decide({ ...base, explicitDir: '/opt/electron', exists: (p: string) => p === '/opt/electron' })).toEqual({ kind: 'dir', dir: '/opt/electron' });
    expect(decide({ ...base, exists: (p: string) => p === base.nodeModulesDist })).toEqual({ kind: 'dir', dir: base.nodeModulesDist });
    const zip = path.join(base.cacheDir, 'electron-v38.8.6-linux-x64.zip');
    expect(decide({ ...base, exists: (p: string) => p === zip })).toEqual({ kind: 'cache', zip });
  });

  it('offline without any copy: one line naming the version, the platform and what to do', () => {
    const d = decide({ ...base, exists: () => false });
    expect(d.kind).toBe('missing');
    const message = (d as { message: string }).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('Electron 38.8.6 distribution for linux-x64 is missing');
    expect(message).toContain('THROUGHCARE_ELECTRON_DIST');
    expect(decide({ ...base, explicitDir: '/nope', exists: () => false })).toMatchObject({ kind: 'missing' });
  });

  it("uses Electron's cache folder rules", () => {
    const cacheDir = electronCacheDir as (env: Record<string, string>, platform: string, home: string) => string;
    expect(cacheDir({}, 'linux', '/home/u')).toBe(path.join('/home/u', '.cache', 'electron'));
    expect(cacheDir({ ELECTRON_CACHE: '/c' }, 'linux', '/home/u')).toBe('/c');
  });

  it('packs the backend utilityProcess and the job worker with the shell: the bundle step makes them, the config takes them', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    await (bundleShell as (root: string, o: { production: boolean }) => Promise<void>)(root, { production: false });
    expect(PACKED_BUNDLES).toEqual(expect.arrayContaining(['backendHost.cjs', 'jobWorker.cjs']));
    for (const file of PACKED_BUNDLES as string[]) expect(existsSync(path.join(root, 'dist', 'electron', file)), file).toBe(true);
    const config = readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^files:\n(?:\s+-.*\n)*\s+- dist\/\*\*$/m);
  });
});
