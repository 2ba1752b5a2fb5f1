import type { BenchResult } from './measure';
import { benchHandover } from './handoverBench';

/** Benchmarks of other areas, run after the database operations: handover export and import + verify. */
export async function extraBenches(): Promise<BenchResult[]> {
  return benchHandover();
}
