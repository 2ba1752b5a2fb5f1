import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './startWorker';
import type { JobInput, JobName, JobOutput, JobReply, JobRequest } from './jobs';

/**
 * A small pool of worker threads for CPU-heavy jobs (jobs.ts), behind one typed call: `runJob(name, input)`.
 * The thread that serves API calls only posts the job and awaits the answer, so reads and writes keep flowing
 * while a key derivation or a PDF runs. Workers start on first use, stay warm (module caches such as the PDF
 * fonts live once per worker), and do not keep the process alive while idle.
 *
 * Hand-written (about 100 lines) rather than piscina/tinypool: those spawn their own worker script from
 * node_modules, which a one-file bundle (dist/cli) and an asar package cannot provide; here the worker is our
 * own bundled entry beside the bundle that uses it.
 */

interface Pending {
  request: JobRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job: Pending | null;
}


export class JobPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, name, input }, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still queued or running are refused. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new Error('The job pool was closed.'));
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let idle = this.workers.find((w) => !w.job);
      if (!idle && this.workers.length < this.size) idle = this.spawn();
      if (!idle) return;
      const job = this.queue.shift()!;
      idle.job = job;
      idle.worker.ref(); // a running job keeps the process alive (the CLI waits for it)
      idle.worker.postMessage(job.request);
    }
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = { worker: startWorker(import.meta.url, 'jobWorker'), job: null };
    entry.worker.on('message', (reply: JobReply) => {
      const job = entry.job;
      if (!job || job.request.id !== reply.id) return;
      entry.job = null;
      entry.worker.unref();
      if (reply.ok) job.resolve(reply.value);
      else job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      this.dispatch();
    });
    // A worker that dies takes only its own job with it; the next job starts a fresh worker.
    const fail = (error: Error) => {
      const index = this.workers.indexOf(entry);
      if (index < 0) return;
      this.workers.splice(index, 1);
      entry.job?.reject(error);
      entry.job = null;
      this.dispatch();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`A job worker stopped unexpectedly (exit code ${code}).`)));
    this.workers.push(entry);
    return entry;
  }
}

/** One pool per process: two workers at most, one on a single-core machine. */
const sharedPool = new JobPool(Math.max(1, Math.min(2, availableParallelism())));

/** Runs a CPU-heavy job in the shared worker pool. */
export function runJob<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> {
  return sharedPool.run(name, input);
}
