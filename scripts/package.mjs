#!/usr/bin/env node
// `npm run package`: builds the app and packages it with electron-builder (devDependency; config build/electron-builder.yml).
// Electron itself comes from a local copy when there is one (see package-plan.mjs), so packaging works offline;
// without any, it stops with one line naming what is missing.
import { bundleShell } from './bundle-shell.mjs';
import { PACKED_BUNDLES, electronCacheDir, electronDistribution } from './package-plan.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWin = process.platform === 'win32';

function die(message) {
  console.error(message);
  process.exit(1);
}

function run(cmd, args, label) {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWin });
  return !r.error && r.status === 0;
}

const args = process.argv.slice(2);
const distFlag = args.indexOf('--electron-dist');
const explicitDir = distFlag >= 0 ? path.resolve(args[distFlag + 1] ?? '') : process.env.THROUGHCARE_ELECTRON_DIST;
const builderArgs = distFlag >= 0 ? args.filter((_, i) => i !== distFlag && i !== distFlag + 1) : args;

if (!existsSync(path.join(root, 'node_modules', 'electron-builder', 'package.json'))) {
  die('npm run package: electron-builder is not installed; run `npm ci` (it is a devDependency).');
}
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const dist = electronDistribution({
  explicitDir,
  nodeModulesDist: path.join(root, 'node_modules', 'electron', 'dist'),
  cacheDir: electronCacheDir(process.env, process.platform, homedir()),
  version: electronVersion,
  platform: process.platform,
  arch: process.arch,
  exists: existsSync,
});
if (dist.kind === 'missing') die(dist.message);

// Build renderer, the main/preload/backend/worker bundles and the Electron addon without launching.
if (!run('npx', ['--no-install', 'vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], 'vite build (renderer)')) {
  die('npm run package: vite build failed (see above).');
}
await bundleShell(root, { production: true });
const missingBundles = PACKED_BUNDLES.filter((f) => !existsSync(path.join(root, 'dist', 'electron', f)));
if (missingBundles.length) die(`npm run package: the build did not produce dist/electron/${missingBundles.join(', ')}.`);
if (!run(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], 'native addon for Electron')) {
  die('npm run package: building the SQLite addon for Electron failed (see above).');
}

const distConfig = dist.kind === 'dir' ? [`-c.electronDist=${dist.dir}`] : [];
if (!run('npx', ['--no-install', 'electron-builder', '--config', 'build/electron-builder.yml', ...distConfig, ...builderArgs], 'electron-builder')) {
  die('npm run package: electron-builder failed (see above).');
}
