#!/usr/bin/env node
// Builds the SQLite addon (better-sqlite3 = better-sqlite3-multiple-ciphers) for Electron's ABI into
// .native/electron/better_sqlite3.node, from a copy of the package, so node_modules keeps its Node build
// and `npm test` still works after `npm start`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.join(root, 'node_modules', 'better-sqlite3');
const buildDir = path.join(root, '.native', 'electron-build');
const outDir = path.join(root, '.native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'build-info.json');

function die(message) {
  console.error(`\n[native:electron] ${message}\n`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

if (!existsSync(path.join(pkgDir, 'package.json'))) die('node_modules/better-sqlite3 is missing. Run `npm ci` first.');
const electronPkg = path.join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) die('node_modules/electron is missing. Run `npm ci` first.');

const electronVersion = readJson(electronPkg).version;
const sqlitePkg = readJson(path.join(pkgDir, 'package.json'));
const wanted = {
  electron: electronVersion,
  addon: `${sqlitePkg.name}@${sqlitePkg.version}`,
  platform: process.platform,
  arch: process.arch,
};

// Skip when the existing build matches this Electron version, addon version and platform.
if (existsSync(outFile) && existsSync(stampFile) && !process.argv.includes('--force')) {
  try {
    const have = readJson(stampFile);
    if (Object.keys(wanted).every((k) => have[k] === wanted[k])) {
      console.log(`[native:electron] up to date (Electron ${electronVersion}, ${wanted.addon}).`);
      process.exit(0);
    }
  } catch {
    // Unreadable stamp: rebuild.
  }
}

// node-gyp ships with npm; prefer a local one if the project ever adds it.
function findNodeGyp() {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
  } catch {
    // fall through
  }
  const npmExec = process.env.npm_execpath; // set when run through `npm run`
  const candidates = [];
  if (npmExec) candidates.push(path.join(path.dirname(npmExec), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const npmRoot = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['root', '-g'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (npmRoot.status === 0) {
    candidates.push(path.join(npmRoot.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) die('node-gyp was not found (it normally ships with npm). Install it with `npm i -g node-gyp`.');

console.log(`[native:electron] building ${wanted.addon} for Electron ${electronVersion} (${process.platform}-${process.arch})...`);
rmSync(buildDir, { recursive: true, force: true });
mkdirSync(buildDir, { recursive: true });
// Sources only: the copied Node build/ would otherwise be reused.
cpSync(pkgDir, buildDir, {
  recursive: true,
  filter: (src) => path.relative(pkgDir, src).split(path.sep)[0] !== 'build',
});

// npm exports npm_config_nodedir etc. to scripts; they would point node-gyp at Node's headers instead of Electron's.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(key)) delete env[key];
}

const result = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
    // Keep Electron headers separate from the Node headers cache.
    `--devdir=${path.join(root, '.native', 'gyp-headers')}`,
  ],
  { cwd: buildDir, env, stdio: 'inherit' },
);

const built = path.join(buildDir, 'build', 'Release', 'better_sqlite3.node');
if (result.error || result.status !== 0 || !existsSync(built)) {
  die(
    [
      `Building the SQLite addon for Electron ${electronVersion} failed${result.error ? `: ${result.error.message}` : ''}.`,
      'node-gyp needs the Electron headers from https://electronjs.org/headers (network access, or a cached copy',
      'in .native/gyp-headers) and a C/C++ toolchain (python3, make, g++ / MSVC build tools).',
      'node_modules was not touched: `npm test` and the browser development mode (`npm run dev:web`) still work.',
    ].join('\n'),
  );
}

mkdirSync(outDir, { recursive: true });
copyFileSync(built, outFile);
writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
rmSync(buildDir, { recursive: true, force: true });
console.log(`[native:electron] wrote ${path.relative(root, outFile)}`);
