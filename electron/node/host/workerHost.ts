/** The backend in a worker thread, for dev:web and its tests: the bridge thread only brokers (workerData: data folder). */
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend } from '../backend';
import { serveBackend } from './backendHost';

const port = parentPort;
if (!port) throw new Error('workerHost must run as a worker thread.');
const backend = createBackend({ dataDir: (workerData as { dataDir: string }).dataDir });
port.on('message', serveBackend(backend, (reply) => port.postMessage(reply)));
