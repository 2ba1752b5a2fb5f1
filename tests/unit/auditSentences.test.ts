import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/audit/auditActions';
import { auditActionLabel, auditSentence } from '../../shared/audit/auditSentence';
import { audit } from '../../shared/i18n/locales/audit';
import type { ReadableAuditEntry } from '../../shared/schemas/audit';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every `action: 'area.verb'` literal the Node side writes (ternaries included), wherever it is built. */
function actionsWrittenByTheNodeSide(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles('electron/node')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: ([^,}\n]+)/g)) {
      for (const lit of m[1]!.matchAll(/'([a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*)+)'/g)) found.add(lit[1]!);
    }
    // Helpers that take the action as an argument (plan.ts: changePlan(ctx, id, 'plan.goalAdded', …)).
    for (const m of text.matchAll(/changePlan\(ctx, [^,]+, '([^']+)'/g)) found.add(m[1]!);
  }
  return found;
}

const entry = (action: string, over: Partial<ReadableAuditEntry> = {}): ReadableAuditEntry => ({
  seq: 1, at: '2026-12-02T15:00:00.000Z', actorId: 'u1', actorName: 'jana', action, entityType: 'client', entityId: 'c1', details: {},
  prevHash: '', hash: '', actorDisplayName: 'Jana Nováková', clientCode: 'HXB-9976', clientErased: false, subjectName: 'Azylový dům Naděje', ...over,
});

describe('every audit action reads as a sentence', () => {
  it('the Node side writes only listed actions, so none can reach the log without a sentence', () => {
    const written = actionsWrittenByTheNodeSide();
    // The scan itself works: it finds actions written directly, in ternaries and through the plan helper.
    expect(written).toContain('client.read');
    expect(written).toContain('contact.replaced');
    expect(written).toContain('plan.goalAdded');
    const unlisted = [...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a));
    expect(unlisted).toEqual([]);
  });

  it.each(['cs', 'en'] as const)('in %s: a sentence and a filter label for each action, with no code, brace or empty bracket left', (lang) => {
    for (const action of AUDIT_ACTIONS) {
      const sentence = auditSentence(lang, entry(action));
      const label = auditActionLabel(lang, action);
      expect(sentence, action).not.toBe(audit[lang].unknownAction);
      expect(sentence, action).not.toMatch(/\{\{|\}\}|\(\s*\)|undefined|null|[a-z]+\.[a-z]+[A-Z]/);
      expect(sentence, action).not.toContain(action);
      expect(label.length, action).toBeGreaterThan(4);
      expect(sentence.startsWith(label), action).toBe(true);
    }
  });

  it('names the client by code, an erased client as "smazaný klient", and translates codes in the details', () => {
    expect(auditSentence('cs', entry('client.read'))).toBe('Otevření záznamu klienta HXB-9976');
    expect(auditSentence('en', entry('client.read'))).toBe('Opened the record of client HXB-9976');
    expect(auditSentence('cs', entry('client.read', { clientCode: null, clientErased: true }))).toBe('Otevření záznamu klienta smazaný klient');
    expect(auditSentence('cs', entry('client.statusChanged', { details: { from: 'intake', to: 'active' } }))).toBe('Změna stavu klienta HXB-9976: Příjem → Aktivní');
    expect(auditSentence('cs', entry('client.printed', { details: { document: 'caseSummary', pages: 2 } }))).toBe('Tisk dokumentu „Souhrn případu“ klienta HXB-9976');
    expect(auditSentence('cs', entry('session.lock', { details: { reason: 'idle' } }))).toBe('Zamčení aplikace (po nečinnosti)');
    expect(auditSentence('cs', entry('assessment.completed', { details: { kind: 'intake' } }))).toBe('Dokončení posouzení klienta HXB-9976 (Vstupní posouzení)');
    expect(auditSentence('cs', entry('referral.created'))).toBe('Doporučení klienta HXB-9976 do služby Azylový dům Naděje');
    expect(auditSentence('cs', entry('audit.verified', { details: { ok: true, count: 12 } }))).toBe('Ověření auditního záznamu: neporušený');
    expect(auditActionLabel('cs', 'client.read')).toBe('Otevření záznamu klienta');
  });

  it('an action this version does not know reads as such, never as its code', () => {
    expect(auditSentence('cs', entry('future.thing'))).toBe('Událost, kterou tato verze aplikace nezná');
    expect(auditActionLabel('en', 'future.thing')).toBe('An event this version of the app does not know');
  });
});
