import { z } from 'zod';

export const AUTO_LOCK_DEFAULT_MINUTES = 5;

export const installationSettingsSchema = z.object({
  organisation: z.string().trim().min(1).max(200),
  workstation: z.string().trim().min(1).max(100),
  /** Idle minutes before the screen locks (SPEC W1: default 5). 0.25 = 15 s, for tests and demos. */
  autoLockMinutes: z.number().min(0.25).max(60),
});
export type InstallationSettings = z.infer<typeof installationSettingsSchema>;
