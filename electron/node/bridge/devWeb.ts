import path from 'node:path';
import { createBackend } from '../backend';
import { APP_ROOT } from '../store/open';
import { startBridge } from './loopbackBridge';

/** `npm run dev:web`: the real Node side behind the loopback bridge, for any local browser. */
const dataDir = path.resolve(process.env.THROUGHCARE_DATA ?? path.join(APP_ROOT, '.data', 'dev'));
let backend: ReturnType<typeof createBackend>;
try {
  backend = createBackend({ dataDir, program: 'dev:web' });
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const bridge = await startBridge({ backend, staticDir: path.join(APP_ROOT, 'dist', 'renderer'), port: Number(process.env.PORT ?? 0) });
process.stdout.write(`Throughcare (browser development mode)\n  data: ${dataDir}\n  open: ${bridge.appUrl}\n  (the token in the link is required; stop with Ctrl+C)\n`);
const stop = async () => {
  await bridge.close();
  backend.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
