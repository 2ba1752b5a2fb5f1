import { z } from 'zod';
import { defineCall } from '../contract';
import { displayNameSchema, passwordSchema, roleSchema, userSchema, usernameSchema } from '../../schemas/user';

const idInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const userCreateSchema = z
  .object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema })
  .strict();
export type UserCreate = z.infer<typeof userCreateSchema>;

export const usersCalls = {
  'users.list': defineCall({
    input: z.object({ includeRemoved: z.boolean().default(false) }).strict(),
    output: z.array(userSchema),
    access: ['admin'],
    mutates: false,
    client: 'none',
  }),
  /** Names of active users for "assigned worker" pickers; every logged-in user may see colleagues' names. */
  'users.directory': defineCall({
    input: z.object({}).strict(),
    output: z.array(userSchema.pick({ id: true, displayName: true, role: true })),
    access: 'user',
    mutates: false,
    client: 'none',
  }),
  'users.create': defineCall({ input: userCreateSchema, output: userSchema, access: ['admin'], mutates: true, client: 'none' }),
  'users.update': defineCall({
    input: idInput.extend({ displayName: displayNameSchema.optional(), role: roleSchema.optional() }).strict(),
    output: userSchema,
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
  'users.resetPassword': defineCall({
    input: idInput.extend({ newPassword: passwordSchema }).strict(),
    output: z.object({}),
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
  'users.remove': defineCall({ input: idInput, output: userSchema, access: ['admin'], mutates: true, client: 'none' }),
};
