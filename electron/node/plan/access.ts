import type { Client } from '../../../shared/schemas/client';
import { localDate } from '../../../shared/plan';
import type { UserContext } from '../backend';
import { assertClientReadable, assertClientWritable } from '../clients/clientRepository';

/** A client the user may see (their caseload; admins all), else NOT_FOUND. */
export function clientForRead(ctx: UserContext, clientId: string): Client {
  return assertClientReadable(ctx.db, ctx.user, clientId);
}

/** A client the user may see and that is held here: a handed-over case is read-only. */
export function clientForChange(ctx: UserContext, clientId: string): Client {
  assertClientReadable(ctx.db, ctx.user, clientId);
  return assertClientWritable(ctx.db, clientId);
}

/** The clock of the call: `now` for stored timestamps, `today` (local calendar date) for due dates. */
export function clockOf(ctx: UserContext): { now: Date; today: string } {
  const ms = ctx.backend.now();
  return { now: new Date(ms), today: localDate(ms) };
}
