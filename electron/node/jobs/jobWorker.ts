import { parentPort } from 'node:worker_threads';
import { jobs, type JobReply, type JobRequest } from './jobs';

/** Entry of each pool worker: runs one job at a time and answers with its value or its error's name and message. */
const port = parentPort;
if (!port) throw new Error('jobWorker must run as a worker thread.');
port.on('message', async (request: JobRequest) => {
  let reply: JobReply;
  try {
    const job = jobs[request.name] as (input: unknown) => Promise<unknown>;
    reply = { id: request.id, ok: true, value: await job(request.input) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: request.id, ok: false, error: { name: err.name, message: err.message } };
  }
  port.postMessage(reply);
});
