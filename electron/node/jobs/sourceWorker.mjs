// A worker thread started from source (tsx, vitest): registers tsx in this thread, then loads the TypeScript
// entry named in workerData.sourceEntry. Bundles (dist/cli, dist/electron) start their bundled entry instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.sourceEntry);
