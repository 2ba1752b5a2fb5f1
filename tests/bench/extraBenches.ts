import type { BenchResult } from './measure';

/** Benchmarks contributed by other areas (handover export/import); each returns its results. */
export async function extraBenches(_dir: string): Promise<BenchResult[]> {
  return [];
}
