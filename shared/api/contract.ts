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

/**
 * How a client-scoped call reaches the user's right: the dispatcher resolves the client BEFORE the handler runs
 * and answers NOT_FOUND for a client outside the user's reach (never revealing that it exists).
 * - 'read': the client is within the user's reach (responsible worker, care team, admins).
 * - 'write': as 'read', and the case is held here (a handed-over case is read-only).
 * - 'health-read' / 'health-write': as 'read' / 'write', and the user may read the client's health sections.
 */
export type ClientAccess = 'read' | 'write' | 'health-read' | 'health-write';
/** What the id in the input field names; the dispatcher finds its client. */
export type ClientVia = 'client' | 'assessment' | 'consent' | 'referral' | 'attachment';

/** A call's client scope: 'none', or which input field names the client (or a record of one) and the right needed. */
export type ClientScope<In = Record<string, unknown>> =
  | 'none'
  | {
      access: ClientAccess;
      from: keyof In & string;
      /** Default 'client': the field holds a client id. */
      via?: ClientVia;
      /** The field may be empty (no client then): e.g. "all my exports", or an import as a new client. */
      optional?: boolean;
    };

export interface CallDefinition<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  M extends boolean = boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the field name is checked against the input by defineCall
  S extends ClientScope<any> = ClientScope<any>,
  A extends CallAccess = CallAccess,
> {
  input: I;
  output: O;
  access: A;
  /** The dispatcher hands a call that changes data a write handle to the database; every other call gets a read-only one. */
  mutates: M;
  /** Required of every call, so that a new call cannot forget its access policy. */
  client: S;
}

/** Declares one API call; the identity function keeps the literal types (mutates, client scope) for inference. */
export function defineCall<I extends z.ZodType, O extends z.ZodType, M extends boolean, const S extends ClientScope<z.output<I>>, const A extends CallAccess>(
  call: CallDefinition<I, O, M, S, A>,
): CallDefinition<I, O, M, S, A> {
  return call;
}

export type AnyCallDefinition = CallDefinition;
export type CallGroup = Record<string, AnyCallDefinition>;
export type CallInput<C extends AnyCallDefinition> = z.input<C['input']>;
export type CallParsedInput<C extends AnyCallDefinition> = z.output<C['input']>;
export type CallOutput<C extends AnyCallDefinition> = z.output<C['output']>;

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
