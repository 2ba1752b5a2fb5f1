// Pure decisions of `npm run package` (tested in tests/unit/shell/packagePlan.test.ts).
import path from 'node:path';

/** The bundles the packed app needs in dist/electron: the shell, the backend's utilityProcess and the job worker. */
export const PACKED_BUNDLES = ['main.cjs', 'preload.cjs', 'backendHost.cjs', 'jobWorker.cjs'];

/**
 * Where electron-builder gets Electron from, without the network when we can: a local unpacked copy
 * (THROUGHCARE_ELECTRON_DIST or `--electron-dist DIR`), else the one `npm run electron:install` put into
 * node_modules/electron/dist, else the zip in Electron's download cache. Otherwise one line naming what is missing.
 * `exists(p)` is injected so the decision stays pure.
 */
export function electronDistribution({ explicitDir, nodeModulesDist, cacheDir, version, platform, arch, exists }) {
  if (explicitDir) {
    return exists(explicitDir)
      ? { kind: 'dir', dir: explicitDir }
      : { kind: 'missing', message: `npm run package: the Electron distribution folder ${explicitDir} (THROUGHCARE_ELECTRON_DIST / --electron-dist) does not exist.` };
  }
  if (exists(nodeModulesDist)) return { kind: 'dir', dir: nodeModulesDist };
  const zip = path.join(cacheDir, `electron-v${version}-${platform}-${arch}.zip`);
  if (exists(zip)) return { kind: 'cache', zip };
  return {
    kind: 'missing',
    message:
      `npm run package: the Electron ${version} distribution for ${platform}-${arch} is missing (no ${nodeModulesDist}, no ${zip}, no THROUGHCARE_ELECTRON_DIST); ` +
      'run `npm run electron:install` online, or point THROUGHCARE_ELECTRON_DIST at a local unpacked copy.',
  };
}

/** Electron's download cache folder (the same rules as @electron/get). */
export function electronCacheDir(env, platform, home) {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'electron');
}
