#!/usr/bin/env node
// `npm run package`: builds the app and packages it with electron-builder (config: build/electron-builder.yml).
// Packaging needs electron-builder (not a dependency here) and network access for the Electron binaries.
import { bundleShell } from './bundle-shell.mjs';
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
await bundleShell(root, { production: true });
if (!run(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], 'native addon for Electron')) {
  die('Building the SQLite addon for Electron failed (see above).');
}

if (!run('npx', ['--no-install', 'electron-builder', '--config', 'build/electron-builder.yml', ...process.argv.slice(2)], 'electron-builder')) {
  die('electron-builder failed (it needs network access to fetch Electron for the target platform).');
}
