import { z } from 'zod';
import { defineCall } from '../contract';
import { displayNameSchema, passwordSchema, sessionUserSchema, usernameSchema } from '../../schemas/user';
import { installationSettingsSchema } from '../../schemas/settings';
import { auditAnchorStatusSchema } from '../../schemas/audit';

export const appStateSchema = z.enum(['uninitialized', 'locked', 'recovery', 'unlocked']);
export type AppState = z.infer<typeof appStateSchema>;

export const recoveryKeySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z2-7]{32}$/, { error: 'A recovery key is 32 letters and digits (8 groups of 4)' }));

export const sessionCalls = {
  'app.status': defineCall({
    input: z.object({}).strict(),
    output: z.object({
      state: appStateSchema,
      organisation: z.string().nullable(),
      workstation: z.string().nullable(),
      user: sessionUserSchema.nullable(),
      autoLockMinutes: z.number(),
    }),
    access: 'public',
    mutates: false,
    client: 'none',
  }),
  'setup.initialize': defineCall({
    input: z
      .object({
        organisation: z.string().trim().min(1).max(200),
        workstation: z.string().trim().min(1).max(100),
        admin: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
      })
      .strict(),
    output: z.object({ recoveryKey: z.string(), user: sessionUserSchema }),
    access: 'public',
    mutates: true,
    client: 'none',
  }),
  'session.login': defineCall({
    input: z.object({ username: usernameSchema, password: z.string().min(1).max(256) }).strict(),
    /** auditAnchor: `lost` means the database no longer has acknowledged audit history (restore from a backup). */
    output: z.object({ user: sessionUserSchema, auditAnchor: auditAnchorStatusSchema }),
    access: 'public',
    mutates: true,
    client: 'none',
  }),
  'session.unlockWithRecoveryKey': defineCall({
    input: z.object({ recoveryKey: recoveryKeySchema }).strict(),
    output: z.object({ admins: z.array(sessionUserSchema), auditAnchor: auditAnchorStatusSchema }),
    access: 'public',
    mutates: true,
    client: 'none',
  }),
  'session.recoverySetPassword': defineCall({
    input: z.object({ userId: z.string().min(1), newPassword: passwordSchema }).strict(),
    output: z.object({ user: sessionUserSchema }),
    access: 'recovery',
    mutates: true,
    client: 'none',
  }),
  'session.lock': defineCall({
    input: z.object({ reason: z.enum(['user', 'idle', 'os']).default('user') }).strict(),
    output: z.object({}),
    access: 'public',
    mutates: true,
    client: 'none',
  }),
  'session.activity': defineCall({
    input: z.object({}).strict(),
    output: z.object({}),
    access: 'user',
    mutates: false,
    client: 'none',
  }),
  'session.changeOwnPassword': defineCall({
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    output: z.object({}),
    access: 'user',
    mutates: true,
    client: 'none',
  }),
  'settings.get': defineCall({
    input: z.object({}).strict(),
    output: installationSettingsSchema,
    access: 'user',
    mutates: false,
    client: 'none',
  }),
  'settings.update': defineCall({
    input: installationSettingsSchema.partial().strict(),
    output: installationSettingsSchema,
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
};
