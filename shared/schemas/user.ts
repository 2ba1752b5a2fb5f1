import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'caseworker', 'clinician', 'evaluator']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** Lower-case letters, digits, dot, dash, underscore: safe in logs, file names and the key-slot lookup. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: 'At least 2 characters' })
  .max(40, { error: 'At most 40 characters' })
  .regex(/^[a-z0-9._-]+$/, { error: 'Only letters a–z, digits, dot, dash and underscore' });

/** Long passphrases are encouraged; 10 characters is the floor for an offline-attackable key slot. */
export const passwordSchema = z
  .string()
  .min(10, { error: 'At least 10 characters' })
  .max(256, { error: 'At most 256 characters' });

export const displayNameSchema = z.string().trim().min(1, { error: 'Required' }).max(120);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const sessionUserSchema = userSchema.pick({ id: true, username: true, displayName: true, role: true });
export type SessionUser = z.infer<typeof sessionUserSchema>;
