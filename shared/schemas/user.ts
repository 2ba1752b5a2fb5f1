import { z } from 'zod';
import { ROLE_VALUES } from './enumValues';

export const roleSchema = z.enum(ROLE_VALUES);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** Lower-case letters, digits, dot, dash, underscore: safe in logs, file names and the key-slot lookup. */
/** Lower-case letters, digits, dot, dash, underscore. */
export const USERNAME_PATTERN = /^[a-z0-9._-]+$/;
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(USERNAME_PATTERN);

/** Long passphrases are encouraged; 10 characters is the floor for an offline-attackable key slot. */
export const passwordSchema = z
  .string()
  .min(10)
  .max(256);

export const displayNameSchema = z.string().trim().min(1).max(120);

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
