import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { TempInstallation } from '../helpers/tempInstallation';
import { clientAttachments } from '../../electron/node/store/schema';
import { ORG_A, ORG_B, PDF_BYTES, PNG_BYTES, clientOn, exchangeCards, installation, tempFolder } from '../security/handoverFixtures';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

async function pair() {
  const a = await installation(ORG_A);
  const b = await installation(ORG_B);
  const usb = tempFolder();
  cleanup.push(() => a.dispose(), () => b.dispose(), usb.dispose);
  return { a, b, usb, ...(await exchangeCards(a, b)) };
}

const errorOf = async (inst: TempInstallation, name: string, input: unknown) => {
  const r = await inst.raw(name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
};

describe('handover between two installations, through the real files', () => {
  it('export → verify → import → receipt → receipt import; the case arrives whole, custody moves', async () => {
    const { a, b, usb, bOnA } = await pair();
    const client = await clientOn(a);
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record', 'plan', 'contactLog', 'health', 'assessment', 'referrals', 'attachments'], givenOn: '2020-01-01' } });

    const preview = await a.call('handover.preview', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog', 'attachments'], custody: true });
    expect(preview.counts.contacts).toBe(3);
    expect(preview.attachments).toHaveLength(2);

    const made = await a.call('handover.export', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record', 'plan', 'contactLog', 'health', 'attachments'], custody: true, folder: usb.dir });
    expect(made.filePath).toMatch(/[0-9a-f]{16}\.handover$/);
    expect(readFileSync(made.filePath).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    // Sending side: read-only, handed over, receipt pending.
    const sent = await a.call('clients.get', { id: client.id });
    expect(sent.custody).toBe('handedOver');
    expect(sent.handedOverTo).toContain(ORG_B);
    const edit = await errorOf(a, 'clients.update', { id: client.id, revision: sent.revision, notes: 'x' });
    expect(edit.messageKey).toBe('errors.clientHandedOver');
    expect((await a.call('handover.exports', { clientId: client.id }))[0]!.receiptStatus).toBe('pending');

    const before = b.snapshot();
    const inspection = await b.call('handover.inspect', { source: { path: made.filePath } });
    expect(b.snapshot()).toEqual(before); // verify writes nothing
    expect(inspection.sender.trust).toBe('verified');
    expect(inspection.sender.organisation).toBe(ORG_A);
    expect(inspection.client).toMatchObject({ firstName: 'Petr', lastName: 'Šťastný', dateOfBirth: '1988-04-12' });
    expect(inspection.custody).toBe(true);
    expect(inspection.recipients.some((r) => r.isMe)).toBe(true);

    const imported = await b.call('handover.import', { source: { path: made.filePath }, receiptPath: usb.file('receipt.bin') });
    const arrived = await b.call('clients.get', { id: imported.clientId });
    for (const key of ['code', 'firstName', 'lastName', 'dateOfBirth', 'sex', 'nationality', 'sentenceStart', 'earliestRelease', 'latestRelease', 'municipality', 'notes', 'status'] as const) {
      expect(arrived[key]).toEqual(sent[key]);
    }
    expect(arrived.custody).toBe('held');
    const notesA = await a.call('contactLog.list', { clientId: client.id });
    const notesB = await b.call('contactLog.list', { clientId: imported.clientId });
    expect(notesB.notes.map((n) => [n.at, n.notes])).toEqual(notesA.notes.map((n) => [n.at, n.notes]));
    const consentsB = await b.call('consent.list', { clientId: imported.clientId });
    expect(consentsB.map((c) => c.organisation)).toEqual([ORG_B]);
    const atts = b.backend.session!.store.db.select().from(clientAttachments).where(eq(clientAttachments.clientId, imported.clientId)).all();
    expect(atts.map((x) => x.fileName).sort()).toEqual(['foto.png', 'souhlas.pdf']);
    expect(Buffer.compare(atts.find((x) => x.fileName === 'souhlas.pdf')!.data, PDF_BYTES)).toBe(0);
    expect(Buffer.compare(atts.find((x) => x.fileName === 'foto.png')!.data, PNG_BYTES)).toBe(0);

    const receipt = await a.call('handover.importReceipt', { source: { path: usb.file('receipt.bin') } });
    expect(receipt.status).toBe('imported');
    const done = await a.call('clients.get', { id: client.id });
    expect(done.receiptReceivedAt).not.toBeNull();
    const plan = await a.call('plan.get', { clientId: client.id });
    expect(JSON.stringify(plan)).toMatch(/receiptReceived[^}]*"done"|"done"[^}]*receiptReceived/);
    expect((await a.call('handover.exports', { clientId: client.id }))[0]!.receiptStatus).toBe('imported');

    // Replayed receipt: ignored with a message, nothing changed.
    const snapA = a.snapshot();
    expect((await errorOf(a, 'handover.importReceipt', { source: { path: usb.file('receipt.bin') } })).messageKey).toBe('errors.handover.receiptReplayed');
    expect(a.snapshot()).toEqual(snapA);
  }, 60_000);

  it('first contact by passphrase: import pins the sender, the receipt pins the recipient', async () => {
    const a = await installation(ORG_A);
    const b = await installation(ORG_B);
    const usb = tempFolder();
    cleanup.push(() => a.dispose(), () => b.dispose(), usb.dispose);
    const client = await clientOn(a, { notes: 1, attachments: [] });
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', organisation: ORG_B, sections: ['record', 'contactLog'], givenOn: '2020-01-01' } });
    const made = await a.call('handover.export', { clientId: client.id, passphraseFor: { organisation: ORG_B, label: 'Case manager' }, sections: ['record', 'contactLog'], folder: usb.dir });
    expect(made.passphrase!.split(' ')).toHaveLength(8);

    const snap = b.snapshot();
    expect((await errorOf(b, 'handover.inspect', { source: { path: made.filePath } })).messageKey).toBe('errors.handover.passphraseNeeded');
    expect((await errorOf(b, 'handover.inspect', { source: { path: made.filePath }, passphrase: 'spatne heslo' })).messageKey).toBe('errors.handover.passphraseWrong');
    expect(b.snapshot()).toEqual(snap);

    const inspected = await b.call('handover.inspect', { source: { path: made.filePath }, passphrase: made.passphrase! });
    expect(inspected.sender.trust).toBe('unknown');
    await b.call('handover.import', { source: { path: made.filePath }, passphrase: made.passphrase!, receiptPath: usb.file('r.bin') });
    expect((await b.call('trustedContacts.list', {})).map((c) => [c.organisation, c.verification])).toEqual([[ORG_A, 'firstContactPassphrase']]);
    await a.call('handover.importReceipt', { source: { path: usb.file('r.bin') } });
    expect((await a.call('trustedContacts.list', {})).map((c) => [c.organisation, c.verification])).toEqual([[ORG_B, 'firstContactPassphrase']]);
  }, 60_000);

  it('consent gate: refused without consent, expired, withdrawn, and for sections not covered; audited, nothing else written', async () => {
    const { a, usb, bOnA } = await pair();
    const client = await clientOn(a, { notes: 1, attachments: [] });
    const exportTo = (sections: ('record' | 'health' | 'plan')[]) => ({ clientId: client.id, recipientIds: [bOnA.id], sections, folder: usb.dir });
    const refusedWith = async (key: string, sections: ('record' | 'health' | 'plan')[] = ['record']) => {
      const before = a.snapshot();
      const err = await errorOf(a, 'handover.export', exportTo(sections));
      expect(err.messageKey).toBe(key);
      const after = a.snapshot();
      expect(after.handover_exports).toBe(before.handover_exports);
      const rows = (content: string | undefined) => Number(content!.split(':')[0]);
      expect(rows(after.audit_log)).toBe(rows(before.audit_log) + 1);
      const last = await a.call('audit.list', { action: 'handover.exportRefused', limit: 1 });
      expect(last.entries[0]!.entityId).toBe(client.id);
    };
    await refusedWith('errors.handover.consent.missing');
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['plan'], givenOn: '2020-01-01', expiresOn: '2021-01-01' } });
    await refusedWith('errors.handover.consent.expired');
    // A typed organisation, even the contact's own, allows only a first-contact passphrase handover, never the contact.
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', organisation: ORG_B, sections: ['record', 'plan', 'health'], givenOn: '2020-01-01' } });
    await refusedWith('errors.handover.consent.expired');
    const current = await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['plan'], givenOn: '2020-01-01' } });
    expect(current).toMatchObject({ binding: 'contact', contactFingerprint: bOnA.fingerprint, organisation: ORG_B });
    await refusedWith('errors.handover.consent.sectionsNotCovered', ['record', 'health']);
    await a.call('handover.preview', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record', 'plan'] });
    // Withdrawn today: the very next export is refused (no waiting for a date to pass).
    await a.call('consent.withdraw', { id: current.id, withdrawnOn: new Date().toISOString().slice(0, 10) });
    await refusedWith('errors.handover.consent.withdrawn');
    expect((await errorOf(a, 'handover.preview', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record', 'plan'] })).messageKey).toBe('errors.handover.consent.withdrawn');
  }, 60_000);
});
