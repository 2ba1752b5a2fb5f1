import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients } from '../../electron/node/store/schema';
import { ORG_A, ORG_B, clientOn, exchangeCards, installation, tempFolder } from '../security/handoverFixtures';

/** What the handover screens need beyond the core flow: the consent receipt PDF, the default folder, the overdue flag. */

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

describe('consent receipt, default folder and the overdue-receipt flag', () => {
  it('prints a consent receipt as a PDF in the client\'s language, audited; an unknown consent is refused', async () => {
    const a = await installation(ORG_A);
    cleanup.push(() => a.dispose());
    const client = await clientOn(a, { notes: 0, attachments: [] });
    const consent = await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', organisation: ORG_B, sections: ['plan'], givenOn: '2025-01-10', expiresOn: '2026-01-10', note: 'Podepsáno v návštěvní místnosti.' } });
    const pdf = await a.call('consent.receiptPdf', { id: consent.id });
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.fileName).toMatch(/^consent-.+-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.fileName).not.toContain(client.lastName);
    const audit = await a.call('audit.list', { action: 'client.printed', limit: 1 });
    expect(audit.entries[0]!.entityId).toBe(client.id);
    expect(JSON.stringify(audit.entries[0]!.details)).toContain('consentReceipt');

    const before = a.snapshot();
    const missing = await a.raw('consent.receiptPdf', { id: 'no-such-consent' });
    expect(missing.ok).toBe(false);
    expect(a.snapshot()).toEqual(before);
  }, 60_000);

  it('offers a folder that exists for saving files', async () => {
    const a = await installation(ORG_A);
    cleanup.push(() => a.dispose());
    const { folder } = await a.call('handover.defaultFolder', {});
    const { statSync } = await import('node:fs');
    expect(statSync(folder).isDirectory()).toBe(true);
  }, 60_000);

  it('flags a handover without a receipt after receiptOverdueDays (default 14); the admin can change the days', async () => {
    const a = await installation(ORG_A);
    const b = await installation(ORG_B);
    const usb = tempFolder();
    cleanup.push(() => a.dispose(), () => b.dispose(), usb.dispose);
    const { bOnA } = await exchangeCards(a, b);
    const client = await clientOn(a, { notes: 1, attachments: [] });
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record'], givenOn: '2020-01-01' } });
    const made = await a.call('handover.export', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record'], custody: true, includeSummaryPdf: true, folder: usb.dir });
    // The bundle carries the human-readable summary (payload/summary.pdf), signed like every other file.
    const inspected = await b.call('handover.inspect', { source: { path: made.filePath } });
    expect(inspected.files.find((f) => f.path === 'payload/summary.pdf')).toMatchObject({ mediaType: 'application/pdf' });
    const flags = async () => (await a.call('clients.caseload', {})).rows.find((r) => r.id === client.id)!.flags;
    expect(await flags()).toContain('receiptPending');
    expect((await a.call('settings.get', {})).receiptOverdueDays).toBe(14);

    // Handed over, the case is the receiver's to work: a release in 5 days with the checklist open raises no
    // alert here (the same record held here would).
    const db0 = a.backend.session!.store.db;
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    db0.update(clients).set({ earliestRelease: soon, actualRelease: null, status: 'active' }).where(eq(clients.id, client.id)).run();
    expect(await flags()).toEqual(['receiptPending']);
    db0.update(clients).set({ custody: 'held' }).where(eq(clients.id, client.id)).run();
    expect(await flags()).toContain('releaseSoonChecklistIncomplete');
    db0.update(clients).set({ custody: 'handedOver' }).where(eq(clients.id, client.id)).run();

    // 20 days pass without a receipt.
    const db = a.backend.session!.store.db;
    db.update(clients).set({ handedOverAt: new Date(Date.now() - 20 * 86_400_000).toISOString() }).where(eq(clients.id, client.id)).run();
    expect(await flags()).toContain('receiptOverdue');
    expect(await flags()).not.toContain('receiptPending');

    await a.call('settings.update', { receiptOverdueDays: 30 });
    expect((await a.call('settings.get', {})).receiptOverdueDays).toBe(30);
    expect(await flags()).toContain('receiptPending');

    const before = a.snapshot();
    const bad = await a.raw('settings.update', { receiptOverdueDays: 0 });
    expect(bad.ok).toBe(false);
    expect(a.snapshot()).toEqual(before);
  }, 60_000);
});
