#!/usr/bin/env node
// `npm start`: check the Electron binary, build renderer + main + preload, build the Electron SQLite addon, launch.
import { bundleShell } from './bundle-shell.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const isWin = process.platform === 'win32';

function die(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

// (a) The electron npm package's index.js returns the binary path, or throws when the download was skipped.
function electronBinary() {
  try {
    const bin = require('electron');
    if (typeof bin === 'string' && bin.length > 0) return bin;
  } catch {
    // reported below
  }
  return null;
}

const electronPath = electronBinary();
if (!electronPath) {
  die(
    [
      'Electron binary is not installed (offline machine: it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
      '',
      '  - Install it when online with `npm run electron:install`',
      '    (or `node node_modules/electron/install.js`), then run `npm start` again.',
      '  - Or use the browser development mode now: `npm run dev:web`.',
    ].join('\n'),
  );
}

function run(cmd, args, label) {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWin });
  if (r.error || r.status !== 0) die(`${label} failed${r.error ? `: ${r.error.message}` : ''}.`);
}

// (b) Renderer.
run('npx', ['--no-install', 'vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], 'vite build (renderer)');

// (c) Main and preload bundles. __dirname inside the bundles is dist/electron.
console.log('\n> esbuild (main, preload)');
try {
  await bundleShell(root, { production: false });
} catch (err) {
  die(`esbuild failed: ${err instanceof Error ? err.message : String(err)}`);
}

// (d) SQLite addon for Electron's ABI, in .native/electron (node_modules keeps the Node build).
run(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], 'native addon for Electron');

// (e) Launch.
console.log('\n> electron');
const child = spawn(electronPath, [path.join(root, 'dist', 'electron', 'main.cjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // ELECTRON_RUN_AS_NODE in the parent shell would start plain Node instead of the app.
  env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
});
child.on('error', (err) => die(`Could not start Electron: ${err.message}`));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
