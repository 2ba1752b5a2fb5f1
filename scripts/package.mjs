#!/usr/bin/env node
// `npm run package`: builds the app and packages it with electron-builder (config: build/electron-builder.yml).
// Packaging needs electron-builder (not a dependency here) and network access for the Electron binaries.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWin = process.platform === 'win32';

function die(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function run(cmd, args, label) {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWin });
  return !r.error && r.status === 0;
}

const builderCheck = spawnSync('npx', ['--no-install', 'electron-builder', '--version'], {
  cwd: root,
  encoding: 'utf8',
  shell: isWin,
});
if (builderCheck.error || builderCheck.status !== 0) {
  die(
    [
      'Packaging needs electron-builder, which is not installed, and network access (it downloads the Electron',
      'binaries for each target platform).',
      'On an online machine: `npm i -D electron-builder` then `npm run package`.',
      'For development on this machine use `npm run dev:web`.',
    ].join('\n'),
  );
}

// Build renderer, main/preload bundles and the Electron addon without launching.
if (!run('npx', ['--no-install', 'vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], 'vite build (renderer)')) {
  die('vite build failed.');
}
const esbuild = await import('esbuild');
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  sourcemap: false, // maps would ship source paths into the package
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};
// Main only (the sandboxed preload can require nothing but electron).
const mainOnly = {
  // cjs has no import.meta: give electron/node code a real import.meta.url, and pin the app root to the bundle
  // location (dist/electron/../..) so an inherited THROUGHCARE_APP_ROOT cannot redirect the native addon load.
  banner: {
    js: 'var __tcImportMetaUrl = require("node:url").pathToFileURL(__filename).href;\n' +
      'process.env.THROUGHCARE_APP_ROOT = require("node:path").resolve(__dirname, "..", "..");',
  },
  define: { ...common.define, 'import.meta.url': '__tcImportMetaUrl' },
};
await esbuild.build({ ...common, ...mainOnly, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' });
await esbuild.build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' });
if (!run(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], 'native addon for Electron')) {
  die('Building the SQLite addon for Electron failed (see above).');
}

if (!run('npx', ['--no-install', 'electron-builder', '--config', 'build/electron-builder.yml', ...process.argv.slice(2)], 'electron-builder')) {
  die('electron-builder failed (it needs network access to fetch Electron for the target platform).');
}
