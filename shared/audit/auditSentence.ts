// The sentence an audit entry reads as, in either language: the same function fills the audit page and the
// auditor's CSV, so both say the same. Codes in the details (status, document, lock reason) are translated here.
import { assessments } from '../i18n/locales/assessments';
import { audit } from '../i18n/locales/audit';
import { clients } from '../i18n/locales/clients';
import type { ReadableAuditEntry } from '../schemas/audit';
import { auditActionKey, isAuditAction } from './auditActions';

export type AuditLanguage = 'cs' | 'en';

const fill = (text: string, params: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => params[k] ?? '');
const pick = (table: Record<string, string>, key: unknown): string => (typeof key === 'string' && key in table ? table[key]! : '');

/** What the entry is about, as the filter and the CSV name it: the client code, or "smazaný klient". */
export function auditClientText(lang: AuditLanguage, entry: Pick<ReadableAuditEntry, 'clientCode' | 'clientErased'>): string {
  return entry.clientCode ?? (entry.clientErased ? audit[lang].erasedClient : '');
}

export function auditSentence(lang: AuditLanguage, entry: ReadableAuditEntry): string {
  const texts = audit[lang];
  if (!isAuditAction(entry.action)) return texts.unknownAction;
  const d = entry.details;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) if (typeof v === 'number' || typeof v === 'string') params[k] = String(v);
  params.client = auditClientText(lang, entry);
  params.subject = entry.subjectName ?? texts.unknownSubject;
  params.kind = pick(assessments[lang].kinds, d.kind);
  params.document = pick(texts.documents, d.document);
  params.result = d.ok === true ? texts.verifyResult.ok : d.ok === false ? texts.verifyResult.broken : '';
  if (entry.action === 'session.lock') params.reason = pick(texts.lockReasons, d.reason);
  if (entry.action === 'client.statusChanged') {
    params.from = pick(clients[lang].status, d.from);
    params.to = pick(clients[lang].status, d.to);
  }
  // A parameter a sentence names but the entry lacks leaves "()" or ": " behind; drop those remnants.
  return fill(texts.actions[auditActionKey(entry.action)], params).replace(/\s*\(\s*\)/g, '').replace(/:\s*$/, '').trim();
}

/** The filter's name for an action: its sentence up to the first parameter ("Otevření záznamu klienta"). */
export function auditActionLabel(lang: AuditLanguage, action: string): string {
  if (!isAuditAction(action)) return audit[lang].unknownAction;
  return audit[lang].actions[auditActionKey(action)].split('{{')[0]!.replace(/[\s(:„"]+$/u, '').trim();
}

/** `2. 12. 2026 15:04:09` / `2026-12-02 15:04:09`, in the workstation's time zone: the page and the CSV alike. */
export function auditDateTime(lang: AuditLanguage, iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return lang === 'cs' ? `${d.getDate()}. ${d.getMonth() + 1}. ${d.getFullYear()} ${time}` : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** Who did it: the display name, the username of an entry without an account (a failed login), or "Systém". */
export function auditActorText(lang: AuditLanguage, e: Pick<ReadableAuditEntry, 'actorDisplayName' | 'actorName'>): string {
  return e.actorDisplayName ?? e.actorName ?? audit[lang].system;
}
