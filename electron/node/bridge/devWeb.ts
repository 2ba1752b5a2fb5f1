import path from 'node:path';
import { APP_ROOT } from '../store/open';
import { startWorkerBackend } from '../host/workerBackend';
import { startBridge } from './loopbackBridge';

/**
 * `npm run dev:web`: the real Node side behind the loopback bridge, for any local browser. As in Electron, the
 * thread that serves HTTP only brokers: the backend runs in its own worker thread (electron/node/host).
 */
const dataDir = path.resolve(process.env.THROUGHCARE_DATA ?? path.join(APP_ROOT, '.data', 'dev'));
const host = startWorkerBackend(dataDir);
const bridge = await startBridge({ backend: host.backend, staticDir: path.join(APP_ROOT, 'dist', 'renderer'), port: Number(process.env.PORT ?? 0) });
process.stdout.write(`Throughcare (browser development mode)\n  data: ${dataDir}\n  open: ${bridge.appUrl}\n  (the token in the link is required; stop with Ctrl+C)\n`);
const stop = async () => {
  await bridge.close();
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
