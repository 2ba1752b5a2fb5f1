import { argon2id } from 'hash-wasm';
import type { CaseSummaryPdfData, ClientPlanPdfData } from '../pdf/printData';
import type { ConsentReceiptData } from '../handover/consentReceiptPdf';
import type { DashboardPdfData } from '../reports/dashboardPdf';

/**
 * The CPU-heavy jobs that run in the worker pool (jobPool.ts), off the thread that serves calls. Each is a pure
 * function of structured-clonable input (no database, no session): the caller reads what the job needs first.
 * Buffers arrive on the other side as plain Uint8Arrays.
 */
export const jobs = {
  /** Argon2id for a key slot; hash-wasm's WASM runs synchronously, so on the serving thread it froze every call. */
  argon2id: async (input: { password: Uint8Array; salt: Uint8Array; iterations: number; memoryKiB: number; parallelism: number; hashLength: number }) =>
    argon2id({
      password: input.password,
      salt: input.salt,
      iterations: input.iterations,
      memorySize: input.memoryKiB,
      parallelism: input.parallelism,
      hashLength: input.hashLength,
      outputType: 'binary',
    }),
  // pdfkit is loaded on the first PDF only, so a worker that derives a key starts light.
  clientPlanPdf: async (data: ClientPlanPdfData) => (await import('../pdf/clientPlanPdf')).renderClientPlanPdf(data),
  caseSummaryPdf: async (data: CaseSummaryPdfData) => (await import('../pdf/caseSummaryPdf')).renderCaseSummary(data),
  consentReceiptPdf: async (data: ConsentReceiptData) => (await import('../handover/consentReceiptPdf')).renderConsentReceiptPdf(data),
  dashboardPdf: async (data: DashboardPdfData) => (await import('../reports/dashboardPdf')).renderDashboardPdf(data),
};

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
export type JobInput<N extends JobName> = Parameters<Jobs[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<Jobs[N]>>;

/** Messages between the pool and a worker. */
export interface JobRequest {
  id: number;
  name: JobName;
  input: unknown;
}
export type JobReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };
