// The audit log as people read it: display names instead of usernames, client codes instead of internal ids,
// and the auditor's CSV export. Lookups are batched per page, so a page of 100 entries costs four queries.
import { and, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import { AUDIT_EXPORT_MAX_ROWS } from '../../../shared/api/calls/audit';
import { auditActorText, auditClientText, auditDateTime, auditSentence, type AuditLanguage } from '../../../shared/audit/auditSentence';
import { writeCsv } from '../../../shared/directory/csv';
import { audit as auditTexts } from '../../../shared/i18n/locales/audit';
import type { ReadableAuditEntry } from '../../../shared/schemas/audit';
import type { Db } from '../store/open';
import { auditLog, clients, services, trustedContacts, users } from '../store/schema';
import { toAuditEntry } from './auditLog';

export interface ReadableAuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  entityId?: string | undefined;
  clientCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
}

/** Entries name their client directly (entity) or, for assessments and screenings, in `details.clientId`. */
const detailsClientId = sql<string | null>`json_extract(${auditLog.details}, '$.clientId')`;

function conditions(db: Db, f: ReadableAuditFilter) {
  let clientId: string | undefined;
  if (f.clientCode) {
    const row = db.select({ id: clients.id }).from(clients).where(eq(sql`upper(${clients.code})`, f.clientCode.toUpperCase())).get();
    if (!row) throw apiError('NOT_FOUND', `No client with code ${f.clientCode}.`, 'page.unknownClient', { code: f.clientCode });
    clientId = row.id;
  }
  const list = [
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    clientId ? or(eq(auditLog.entityId, clientId), eq(detailsClientId, clientId)) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, `${f.to}T23:59:59.999Z`) : undefined,
    f.beforeSeq ? lt(auditLog.seq, f.beforeSeq) : undefined,
  ].filter((c) => c !== undefined);
  return list.length ? and(...list) : undefined;
}

function nameMap<T extends { id: string; name: string }>(rows: T[]): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Looks up, for a page of raw entries, every name and code it mentions, in one query per table. */
function readable(db: Db, rows: (typeof auditLog.$inferSelect)[]): ReadableAuditEntry[] {
  const entries = rows.map(toAuditEntry);
  const clientIdOf = (e: (typeof entries)[number]): string | null =>
    e.entityType === 'client' && e.entityId ? e.entityId : typeof e.details.clientId === 'string' ? e.details.clientId : null;
  const serviceIdOf = (e: (typeof entries)[number]): string | null =>
    e.entityType === 'service' && e.entityId ? e.entityId : typeof e.details.serviceId === 'string' ? e.details.serviceId : null;
  const ids = (pick: (e: (typeof entries)[number]) => string | null | undefined) => [...new Set(entries.map(pick).filter((v): v is string => Boolean(v)))];

  const userIds = ids((e) => e.actorId).concat(ids((e) => (e.entityType === 'user' ? e.entityId : null)));
  const userNames = userIds.length ? nameMap(db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(userIds)])).all()) : new Map<string, string>();
  const clientIds = ids(clientIdOf);
  const codes = clientIds.length ? nameMap(db.select({ id: clients.id, name: clients.code }).from(clients).where(inArray(clients.id, clientIds)).all()) : new Map<string, string>();
  const serviceIds = ids(serviceIdOf);
  const serviceNames = serviceIds.length ? nameMap(db.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, serviceIds)).all()) : new Map<string, string>();
  const fingerprints = ids((e) => (e.entityType === 'contact' ? e.entityId : null));
  const contactNames = new Map<string, string>();
  if (fingerprints.length) {
    for (const c of db.select({ fp: trustedContacts.fingerprint, name: trustedContacts.name, org: trustedContacts.organisation }).from(trustedContacts).where(inArray(trustedContacts.fingerprint, fingerprints)).all()) {
      contactNames.set(c.fp, c.org ? `${c.name} (${c.org})` : c.name);
    }
  }

  return entries.map((e) => {
    const clientId = clientIdOf(e);
    const serviceId = serviceIdOf(e);
    const subjectName =
      e.entityType === 'user' && e.entityId ? (userNames.get(e.entityId) ?? null)
      : e.entityType === 'contact' && e.entityId ? (contactNames.get(e.entityId) ?? null)
      : serviceId ? (serviceNames.get(serviceId) ?? null)
      : null;
    return {
      ...e,
      actorDisplayName: e.actorId ? (userNames.get(e.actorId) ?? null) : null,
      clientCode: clientId ? (codes.get(clientId) ?? null) : null,
      // Ids are random and never reused, so a client id that no longer resolves was erased.
      clientErased: clientId !== null && !codes.has(clientId),
      subjectName,
    };
  });
}

export function listReadableAudit(db: Db, f: ReadableAuditFilter & { limit: number }): { entries: ReadableAuditEntry[]; nextBeforeSeq: number | null } {
  const rows = db.select().from(auditLog).where(conditions(db, f)).orderBy(desc(auditLog.seq)).limit(f.limit + 1).all();
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  return { entries: readable(db, page), nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null };
}

/** The filtered log, oldest first, as CSV for Czech Excel: UTF-8 with BOM and `;`. */
export function exportReadableAudit(db: Db, f: ReadableAuditFilter, lang: AuditLanguage, today: string): { fileName: string; mimeType: string; content: string; rows: number } {
  const where = conditions(db, f);
  const count = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  if (count > AUDIT_EXPORT_MAX_ROWS) {
    throw apiError('REFUSED', `The selection has ${count} entries; one export holds at most ${AUDIT_EXPORT_MAX_ROWS}. Narrow the dates.`, 'page.tooManyRows', { count, max: AUDIT_EXPORT_MAX_ROWS });
  }
  const h = auditTexts[lang].page.csv;
  const lines: string[][] = [[h.seq, h.at, h.actor, h.event, h.client, h.code]];
  const pageSize = 1000;
  let afterSeq = 0;
  for (;;) {
    const rows = db.select().from(auditLog).where(and(where, sql`${auditLog.seq} > ${afterSeq}`)).orderBy(auditLog.seq).limit(pageSize).all();
    for (const e of readable(db, rows)) {
      lines.push([String(e.seq), auditDateTime(lang, e.at), auditActorText(lang, e), auditSentence(lang, e), auditClientText(lang, e), e.action]);
    }
    if (rows.length < pageSize) break;
    afterSeq = rows.at(-1)!.seq;
  }
  const prefix = lang === 'cs' ? 'auditni-zaznam' : 'audit-log';
  return { fileName: `${prefix}-${today}.csv`, mimeType: 'text/csv;charset=utf-8', content: writeCsv(lines, ';'), rows: lines.length - 1 };
}
