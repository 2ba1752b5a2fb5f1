import path from 'node:path';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildCli, bundleNode } from '../../scripts/build-cli.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The fault suite's child process, bundled like the CLI so that each of its many starts skips tsx. */
export const FAULT_WORKER_BUNDLE = path.join(ROOT, 'dist/test/faultWorker.mjs');

/** Vitest global setup: the CLI tests run the bundle, so build it (and the fault worker) from the current sources once per run. */
export default async function setup(): Promise<void> {
  await (buildCli as (root: string) => Promise<void>)(ROOT);
  await (bundleNode as (root: string, entries: Record<string, string>, outdir: string) => Promise<void>)(
    ROOT,
    { faultWorker: 'tests/faults/faultWorker.ts', jobWorker: 'electron/node/jobs/jobWorker.ts' },
    'dist/test',
  );
}
