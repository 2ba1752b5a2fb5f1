import { startWorker } from '../jobs/startWorker';
import { log } from '../log';
import { RemoteBackend } from './backendHost';

/** The whole backend on `dataDir` in its own worker thread; the caller holds only the message boundary. */
export function startWorkerBackend(dataDir: string): { backend: RemoteBackend; stop(): Promise<void> } {
  const worker = startWorker(import.meta.url, 'workerHost', { dataDir });
  const backend = new RemoteBackend((request) => worker.postMessage(request));
  worker.on('message', (message) => backend.receive(message));
  worker.on('error', (e) => log.error('backend worker failed', { error: e.name }));
  worker.on('exit', () => backend.hostGone());
  return {
    backend,
    stop: async () => {
      await backend.close();
      await worker.terminate();
    },
  };
}
