#!/usr/bin/env node
// Bundles the CLI and the job worker into dist/cli/*.mjs, so `node dist/cli/throughcare.mjs` starts without tsx.
// Run by `npm ci` (prepare), by `npm run cli`, and once per vitest run (tests/helpers/buildBundles.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CLI_BUNDLE = 'dist/cli/throughcare.mjs';

export async function buildCli(root) {
  await bundleNode(root, { throughcare: 'electron/node/cli/main.ts', jobWorker: 'electron/node/jobs/jobWorker.ts' }, 'dist/cli');
}

/**
 * One Node bundle in `outdir` (two levels below the app root), with the job worker beside its entries. Also used
 * by the test suite for its child-process entries, which then start in a fraction of tsx's time.
 */
export async function bundleNode(root, entryPoints, outdir) {
  const esbuild = await import('esbuild');
  // Chunk names carry content hashes: start empty so old chunks do not pile up.
  rmSync(path.join(root, outdir), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The backend is a lazily imported chunk: `--help` loads only commander and the command definitions.
    splitting: true,
    // Chunks sit beside the entry: the banner pins the app root relative to each file's own folder.
    chunkNames: '[name]-[hash]',
    target: 'node20',
    // The native addon (and its loader) is found in node_modules beside dist/, exactly as from source.
    external: ['better-sqlite3'],
    // Some bundled CommonJS packages call require(): give the ESM bundle one. The app root (drizzle/, assets/,
    // node_modules) is pinned to dist/cli/../.. so the migrations and fonts are found from the bundle.
    banner: {
      js: [
        'import { createRequire as __tcCreateRequire } from "node:module";',
        'import { fileURLToPath as __tcFileURLToPath } from "node:url";',
        'import __tcPath from "node:path";',
        'const require = __tcCreateRequire(import.meta.url);',
        'process.env.THROUGHCARE_APP_ROOT = __tcPath.resolve(__tcPath.dirname(__tcFileURLToPath(import.meta.url)), "..", "..");',
      ].join('\n'),
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
