// Bundles the Electron main process and preload into dist/electron/*.cjs; shared by `npm start` and `npm run package`.
export async function bundleShell(root, { production }) {
  const esbuild = await import('esbuild');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: production,
    sourcemap: production ? false : 'linked', // maps would ship source paths into the package
    external: ['electron', 'better-sqlite3'],
    logLevel: 'warning',
    define: production ? { 'process.env.NODE_ENV': '"production"' } : {},
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
  await Promise.all([
    esbuild.build({ ...common, ...mainOnly, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
    // The backend's utilityProcess (main only brokers IPC to it), and the job pool's worker, which is loaded
    // from beside the bundle that starts it.
    esbuild.build({ ...common, ...mainOnly, entryPoints: ['electron/node/host/utilityHost.ts'], outfile: 'dist/electron/backendHost.cjs' }),
    esbuild.build({ ...common, ...mainOnly, entryPoints: ['electron/node/jobs/jobWorker.ts'], outfile: 'dist/electron/jobWorker.cjs' }),
    esbuild.build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  ]);
}
