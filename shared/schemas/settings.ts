import { z } from 'zod';

export const AUTO_LOCK_DEFAULT_MINUTES = 5;
/** A handover without a receipt after this many days is flagged on the caseload (issue 5). */
export const RECEIPT_OVERDUE_DEFAULT_DAYS = 14;

export const installationSettingsSchema = z.object({
  organisation: z.string().trim().min(1).max(200),
  workstation: z.string().trim().min(1).max(100),
  /** Idle minutes before the screen locks (SPEC W1: default 5). 0.25 = 15 s, for tests and demos. */
  autoLockMinutes: z.number().min(0.25).max(60),
  /** Days after a handover with custody before a missing receipt is flagged as overdue. */
  receiptOverdueDays: z.number().int().min(1).max(365),
  /**
   * Whether every staff member sees the whole office's caseload LIST (name, code, status, prison, release, worker).
   * Off by default: own and care-team clients only. Opening a record outside one's team stays impossible either way.
   */
  officeWideCaseload: z.boolean(),
});
export type InstallationSettings = z.infer<typeof installationSettingsSchema>;
