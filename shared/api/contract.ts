import { z } from 'zod';
import type { Role } from '../schemas/user';

/**
 * Who may make a call.
 * - 'public': before login (status, setup, unlock).
 * - 'recovery': only in the session opened with the recovery key (to set a new admin password).
 * - 'user': any logged-in user.
 * - Role[]: logged-in users with one of these roles.
 */
export type CallAccess = 'public' | 'recovery' | 'user' | readonly Role[];

export interface CallDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: CallAccess;
  /** Calls that change data are audited and refused on read-only (handed-over) cases by their handlers. */
  mutates: boolean;
}

/** Declares one API call; the identity function keeps the literal types for inference. */
export function defineCall<I extends z.ZodType, O extends z.ZodType>(call: CallDefinition<I, O>): CallDefinition<I, O> {
  return call;
}

export type CallGroup = Record<string, CallDefinition>;
export type CallInput<C extends CallDefinition> = z.input<C['input']>;
export type CallParsedInput<C extends CallDefinition> = z.output<C['input']>;
export type CallOutput<C extends CallDefinition> = z.output<C['output']>;

/** Error codes every transport returns; the renderer maps each to a translated message. */
export const apiErrorCodeSchema = z.enum([
  'VALIDATION', // input failed the zod schema; `issues` says which field and why
  'UNAUTHENTICATED', // no session: log in first
  'LOCKED', // the session was locked (idle timeout or explicit lock)
  'FORBIDDEN', // the role may not make this call
  'NOT_FOUND',
  'CONFLICT', // e.g. duplicate username, stale revision
  'RATE_LIMITED', // e.g. wrong password delay still running
  'BAD_REQUEST', // unknown call or malformed envelope
  'REFUSED', // a business rule refused the action (reason in message)
  'STORAGE', // database or key-slot file unusable (corrupt, not ours, disk full)
  'INTERNAL',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  /** Human-readable English sentence; the UI prefers `messageKey` when it has a translation. */
  message: z.string(),
  /** i18n key under `errors.` with optional interpolation values. */
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(apiIssueSchema).optional(),
});
export type ApiErrorPayload = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** The error thrown on both sides; carries the structured payload across transports. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly messageKey: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly issues: ApiIssue[] | undefined;

  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.messageKey = payload.messageKey;
    this.params = payload.params;
    this.issues = payload.issues;
  }

  toPayload(): ApiErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.messageKey ? { messageKey: this.messageKey } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

/** Shorthand for handlers: `throw refused('errors.userExists', 'That username is taken', {...})`. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  messageKey?: string,
  params?: Record<string, string | number>,
): ApiError {
  return new ApiError({ code, message, ...(messageKey ? { messageKey } : {}), ...(params ? { params } : {}) });
}

/** Turns zod issues into field paths the forms can attach messages to. */
export function issuesFromZod(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The envelope both transports carry. */
export const invokeRequestSchema = z.object({ name: z.string().min(1).max(100), input: z.unknown() });
