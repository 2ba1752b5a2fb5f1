/** Timing helpers of `npm run bench`: the same operation on the encrypted and the plain database, interleaved. */
export interface BenchResult {
  operation: string;
  encryptedMedianMs: number;
  encryptedP95Ms: number;
  plainMedianMs: number;
  plainP95Ms: number;
  ratio: number;
}

/** SPEC §6 targets (median, ms) by operation name; the ratio target is 1.3× for all. */
export const benchTargets: Record<string, number> = {
  'open + unlock (without Argon2id)': 150,
  'caseload page (filter + sort, 50 rows)': 20,
  'full-text search over all notes': 30,
  'client record with everything': 30,
  'handover export (200 notes, 5 MB attachments)': 500,
  'handover import + verify (200 notes, 5 MB attachments)': 500,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Kind = 'encrypted' | 'plain';
type Op = ((kind: Kind, i: number) => unknown) | Record<Kind, (i: number) => unknown>;

/**
 * Runs `op` alternately on both databases (so caches, CPU frequency and other load hit both alike),
 * after a warm-up, and returns median and p95 of each and the ratio of the medians.
 */
export function measure(operation: string, op: Op, opts: { iterations?: number; warmup?: number } = {}): BenchResult {
  const iterations = opts.iterations ?? 60;
  const run = (kind: Kind, i: number) => (typeof op === 'function' ? op(kind, i) : op[kind](i));
  for (let i = 0; i < (opts.warmup ?? 5); i++) {
    run('encrypted', i);
    run('plain', i);
  }
  const times: Record<Kind, number[]> = { encrypted: [], plain: [] };
  for (let i = 0; i < iterations; i++) {
    for (const kind of (i % 2 ? ['plain', 'encrypted'] : ['encrypted', 'plain']) as Kind[]) {
      const t = performance.now();
      run(kind, i);
      times[kind].push(performance.now() - t);
    }
  }
  const enc = times.encrypted.sort((a, b) => a - b);
  const plain = times.plain.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const encryptedMedianMs = round(percentile(enc, 50));
  const plainMedianMs = round(percentile(plain, 50));
  return {
    operation,
    encryptedMedianMs,
    encryptedP95Ms: round(percentile(enc, 95)),
    plainMedianMs,
    plainP95Ms: round(percentile(plain, 95)),
    ratio: round(encryptedMedianMs / Math.max(plainMedianMs, 0.001)),
  };
}

/** For async operations (handover export/import). */
export async function measureAsync(operation: string, op: (kind: Kind, i: number) => Promise<unknown>, opts: { iterations?: number; warmup?: number } = {}): Promise<BenchResult> {
  const iterations = opts.iterations ?? 15;
  for (let i = 0; i < (opts.warmup ?? 2); i++) {
    await op('encrypted', i);
    await op('plain', i);
  }
  const times: Record<Kind, number[]> = { encrypted: [], plain: [] };
  for (let i = 0; i < iterations; i++) {
    for (const kind of (i % 2 ? ['plain', 'encrypted'] : ['encrypted', 'plain']) as Kind[]) {
      const t = performance.now();
      await op(kind, i);
      times[kind].push(performance.now() - t);
    }
  }
  const enc = times.encrypted.sort((a, b) => a - b);
  const plain = times.plain.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    operation,
    encryptedMedianMs: round(percentile(enc, 50)),
    encryptedP95Ms: round(percentile(enc, 95)),
    plainMedianMs: round(percentile(plain, 50)),
    plainP95Ms: round(percentile(plain, 95)),
    ratio: round(percentile(enc, 50) / Math.max(percentile(plain, 50), 0.001)),
  };
}
