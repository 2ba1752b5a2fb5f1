/**
 * Entry of the Electron utilityProcess that runs the backend (bundled to dist/electron/backendHost.cjs).
 * Plain Node: Electron gives this process `process.parentPort`; the data folder comes as `--data DIR`.
 */
import { createBackend } from '../backend';
import { serveBackend } from './backendHost';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const dataIndex = process.argv.indexOf('--data');
const dataDir = dataIndex >= 0 ? process.argv[dataIndex + 1] : undefined;
if (!parentPort || !dataDir) {
  process.stderr.write('backendHost must be started by the Electron main process with --data DIR.\n');
  process.exit(2);
}
const backend = createBackend({ dataDir });
const onMessage = serveBackend(backend, (reply) => parentPort.postMessage(reply));
parentPort.on('message', (event) => onMessage(event.data));
