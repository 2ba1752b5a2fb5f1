import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import { RETENTION_DEFAULT_MONTHS, retentionDueOn, type RetentionCandidate } from '../../../shared/schemas/retention';
import type { WriteContext } from '../api/context';
import type { Client } from '../../../shared/schemas/client';
import type { Db } from '../store/open';
import { assessments, careTeamMembers, clientAttachments, clients, consents, contactNotes, drafts, followUps, handoverExports, handoverImports, planGoals, planTasks, referrals, screenings, servicesLog, settings, checklistItems } from '../store/schema';
import { retention } from '../../../shared/i18n/locales/retention';

/** The English sentences of the refusals come from the locale: one text for the API, the CLI and the screens. */
const TEXT = retention.en.errors.retention;

/** W10: how long closed cases are kept, which are due for review, and erasure that leaves nothing personal behind. */

export const RETENTION_KEY = 'retentionMonths';

export function readRetentionMonths(db: Db): number {
  const row = db.select().from(settings).where(eq(settings.key, RETENTION_KEY)).get();
  const value = row ? (JSON.parse(row.value) as unknown) : null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : RETENTION_DEFAULT_MONTHS;
}

export function writeRetentionMonths(db: Db, months: number): void {
  db.insert(settings).values({ key: RETENTION_KEY, value: JSON.stringify(months) }).onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(months) } }).run();
}

/**
 * Closed cases whose retention ran out by `today`. Retention runs from the case's last activity (its last change or
 * contact), so a closed case someone still works on is not offered for erasure.
 */
export function closedCasesDue(db: Db, today: string, months: number): RetentionCandidate[] {
  return db
    .select({ id: clients.id, code: clients.code, firstName: clients.firstName, lastName: clients.lastName, status: clients.status, updatedAt: clients.updatedAt, lastContactAt: clients.lastContactAt })
    .from(clients)
    .where(eq(clients.status, 'closed'))
    .orderBy(asc(clients.updatedAt))
    .all()
    .map((c) => {
      const lastActivityOn = [c.updatedAt, c.lastContactAt ?? ''].sort().at(-1)!.slice(0, 10);
      return { id: c.id, code: c.code, firstName: c.firstName, lastName: c.lastName, status: c.status, lastActivityOn, dueOn: retentionDueOn(lastActivityOn, months) };
    })
    .filter((c) => c.dueOn <= today)
    .sort((a, b) => a.lastActivityOn.localeCompare(b.lastActivityOn));
}

/** What stays in the audit log instead of the code: not reversible without guessing codes. */
export function erasedCodeHash(code: string): string {
  return createHash('sha256').update(`throughcare/erased-client\n${code}`).digest('hex');
}

/** Words of the reason that name the client (code or names) would put personal data into the audit log. */
function reasonNamesClient(reason: string, client: { code: string; firstName: string; lastName: string }): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('cs');
  const text = fold(reason);
  return [client.code, client.firstName, client.lastName].map(fold).some((w) => w.length >= 2 && text.includes(w));
}

/**
 * Erases a closed client in one transaction: the client row and every row hanging on it, the handover ledger, the
 * drafts that mention it, and its search document (the index is then merged so no segment keeps its words). The
 * connection runs with `secure_delete` (store/open.ts), so freed pages and cells are zeroed; afterwards the WAL is
 * checkpointed and truncated, so no older frame keeps a copy either.
 */
export function eraseClient(ctx: WriteContext & { readonly client: Client }, input: { confirmCode: string; reason: string }): { codeHash: string; erasedAt: string } {
  const { client } = ctx; // resolved and checked by the dispatcher (NOT_FOUND outside the admin's reach)
  if (input.confirmCode.trim().toUpperCase() !== client.code) throw apiError('VALIDATION', TEXT.codeMismatch, 'errors.retention.codeMismatch');
  if (client.status !== 'closed') throw apiError('REFUSED', TEXT.notClosed, 'errors.retention.notClosed');
  if (reasonNamesClient(input.reason, client)) throw apiError('VALIDATION', TEXT.reasonNamesClient, 'errors.retention.reasonNamesClient');
  const codeHash = erasedCodeHash(client.code);
  const erasedAt = ctx.now.toISOString();
  const sqlite = ctx.sqlite;
  ctx.change({ action: 'client.erased', entityType: 'client', entityId: client.id, details: { codeHash, reason: input.reason } }, (tx) => {
    const id = client.id;
    // Ids of rows a draft's form key may name (e.g. `referrals:<id>`), collected before they go.
    const ownIds = new Set<string>([id]);
    const collect = (rows: { id: string }[]) => rows.forEach((r) => ownIds.add(r.id));
    collect(tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.clientId, id)).all());
    collect(tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.clientId, id)).all());
    collect(tx.select({ id: screenings.id }).from(screenings).where(eq(screenings.clientId, id)).all());
    collect(tx.select({ id: planGoals.id }).from(planGoals).where(eq(planGoals.clientId, id)).all());
    collect(tx.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.clientId, id)).all());
    collect(tx.select({ id: contactNotes.id }).from(contactNotes).where(eq(contactNotes.clientId, id)).all());
    collect(tx.select({ id: consents.id }).from(consents).where(eq(consents.clientId, id)).all());
    collect(tx.select({ id: clientAttachments.id }).from(clientAttachments).where(eq(clientAttachments.clientId, id)).all());
    const draftKeys = tx.select({ userId: drafts.userId, formKey: drafts.formKey }).from(drafts).all().filter((d) => [...ownIds].some((own) => d.formKey.includes(own)));
    for (const d of draftKeys) tx.delete(drafts).where(and(eq(drafts.userId, d.userId), eq(drafts.formKey, d.formKey))).run();
    // Children first (the contact-note triggers then refresh a document that is deleted with the client right after).
    for (const table of [contactNotes, planTasks, planGoals, checklistItems, servicesLog, followUps, referrals, screenings, assessments, consents, clientAttachments, handoverExports, careTeamMembers]) {
      tx.delete(table).where(eq(table.clientId, id)).run();
    }
    const caseIds = tx.select({ caseId: handoverImports.caseId }).from(handoverImports).where(eq(handoverImports.clientId, id)).all().map((r) => r.caseId);
    tx.delete(handoverImports).where(eq(handoverImports.clientId, id)).run();
    if (caseIds.length) tx.delete(handoverImports).where(inArray(handoverImports.caseId, caseIds)).run();
    tx.delete(clients).where(eq(clients.id, id)).run();
    // Contentless FTS5 keeps deleted terms in its segments until they are merged: merge now.
    tx.run(sql`INSERT INTO client_search(client_search) VALUES ('optimize')`);
  });
  // Outside the transaction: copy the WAL into the database and cut it to zero bytes.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { codeHash, erasedAt };
}
