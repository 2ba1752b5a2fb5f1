// Pool worker when running from source (tsx, vitest): registers tsx in this thread, then loads the TypeScript entry.
// Bundles (dist/cli, dist/electron) start their bundled jobWorker instead.
import { register } from 'tsx/esm/api';

register();
await import('./jobWorker.ts');
