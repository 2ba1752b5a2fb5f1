import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker entry `name` that sits beside the module `callerUrl`: from source (a .ts URL under tsx or
 * vitest) through sourceWorker.mjs, which registers tsx first; from a bundle, the bundled `name.mjs`/`.cjs`
 * next to the bundle (the build scripts emit each worker entry beside the bundle that starts it).
 */
export function startWorker(callerUrl: string, name: string, workerData: Record<string, unknown> = {}): Worker {
  if (callerUrl.endsWith('.ts')) {
    return new Worker(new URL('./sourceWorker.mjs', import.meta.url), { workerData: { ...workerData, sourceEntry: new URL(`./${name}.ts`, callerUrl).href } });
  }
  const here = fileURLToPath(callerUrl);
  return new Worker(path.join(path.dirname(here), `${name}${path.extname(here)}`), { workerData });
}
