import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { TempInstallation } from '../helpers/tempInstallation';
import { clientAttachments } from '../../electron/node/store/schema';
import { ATTACHMENT_MAX_FILE_BYTES } from '../../shared/schemas/attachment';
import { detectAttachmentMediaType, storedFileName } from '../../electron/node/attachments/attachmentService';
import { ORG_A, ORG_B, PDF_BYTES, PNG_BYTES, clientOn, exchangeCards, installation, tempFolder } from '../security/handoverFixtures';

/**
 * W10 attachments through the real dispatcher on a real encrypted installation: the type comes from the bytes,
 * the limits refuse with their own sentence and change nothing, every add, download and removal is audited, and
 * attachments travel in a handover only when the consent covers them.
 */

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 3), Buffer.from([0xff, 0xd9])]);
const EXE_BYTES = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 0x90)]);
const b64 = (b: Buffer) => b.toString('base64');

async function one() {
  const a = await installation(ORG_A);
  cleanup.push(() => a.dispose());
  const client = await clientOn(a, { notes: 0, attachments: [] });
  return { a, client };
}

async function refused(inst: TempInstallation, name: string, input: unknown, key: string) {
  const before = inst.snapshot();
  const r = await inst.raw(name, input);
  expect(r.ok ? 'ok' : r.error.messageKey).toBe(key);
  expect(inst.snapshot()).toEqual(before);
}

async function auditActions(inst: TempInstallation, clientId: string): Promise<string[]> {
  return (await inst.call('audit.list', { entityId: clientId, limit: 500 })).entries.map((e) => e.action);
}

describe('what a file is comes from its bytes', () => {
  it('detects PDF, PNG and JPEG and nothing else', () => {
    expect(detectAttachmentMediaType(PDF_BYTES)).toBe('application/pdf');
    expect(detectAttachmentMediaType(PNG_BYTES)).toBe('image/png');
    expect(detectAttachmentMediaType(JPEG_BYTES)).toBe('image/jpeg');
    expect(detectAttachmentMediaType(EXE_BYTES)).toBeNull();
    expect(detectAttachmentMediaType(Buffer.from('%PD'))).toBeNull();
    expect(detectAttachmentMediaType(Buffer.from('hello, plain text'))).toBeNull();
  });

  it('the stored name keeps only the last path segment and gets the extension of the real type', () => {
    expect(storedFileName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(storedFileName('obcanka.JPEG', 'image/jpeg')).toBe('obcanka.JPEG');
    expect(storedFileName('zprava', 'application/pdf')).toBe('zprava.pdf');
    expect(storedFileName('C:\\Users\\x\\..\\souhlas.pdf', 'application/pdf')).toBe('souhlas.pdf');
    expect(storedFileName('../../etc/pass\u0000wd.pdf', 'application/pdf')).toBe('passwd.pdf');
  });
});

describe('attachments on the client record', () => {
  it('add (linked to its consent), list, download and remove, each audited; a .pdf that is a PNG is stored as PNG', async () => {
    const { a, client } = await one();
    const consent = await a.call('consent.add', { clientId: client.id, consent: { kind: 'processing', givenOn: '2026-03-01' } });

    const scan = await a.call('attachments.add', { clientId: client.id, kind: 'consentForm', note: 'Podepsáno při vstupu.', fileName: 'souhlas.pdf', contentBase64: b64(PDF_BYTES), consentId: consent.id });
    expect(scan).toMatchObject({ kind: 'consentForm', fileName: 'souhlas.pdf', mediaType: 'application/pdf', size: PDF_BYTES.length, note: 'Podepsáno při vstupu.', consentId: consent.id });
    const photo = await a.call('attachments.add', { clientId: client.id, kind: 'idDocument', fileName: 'obcanka.pdf', contentBase64: b64(PNG_BYTES) });
    expect(photo).toMatchObject({ mediaType: 'image/png', fileName: 'obcanka.png', consentId: null, note: '' });

    const list = await a.call('attachments.list', { clientId: client.id });
    expect(list.attachments.map((x) => x.id).sort()).toEqual([scan.id, photo.id].sort());
    expect(list.totalBytes).toBe(PDF_BYTES.length + PNG_BYTES.length);
    expect((await a.call('consent.list', { clientId: client.id })).find((c) => c.id === consent.id)!.scanAttachmentId).toBe(scan.id);

    const down = await a.call('attachments.download', { id: photo.id });
    expect(down.mediaType).toBe('image/png');
    expect(Buffer.compare(Buffer.from(down.contentBase64, 'base64'), PNG_BYTES)).toBe(0);

    // Stored inside the encrypted database, byte for byte.
    const row = a.backend.session!.store.db.select().from(clientAttachments).where(eq(clientAttachments.id, scan.id)).get()!;
    expect(Buffer.compare(row.data, PDF_BYTES)).toBe(0);
    for (const file of ['throughcare.db', 'throughcare.db-wal']) expect(readFileSync(path.join(a.dir, file)).includes(PDF_BYTES.subarray(0, 64)), file).toBe(false);

    await a.call('attachments.remove', { id: scan.id });
    expect((await a.call('attachments.list', { clientId: client.id })).attachments.map((x) => x.id)).toEqual([photo.id]);
    expect((await a.call('consent.list', { clientId: client.id })).find((c) => c.id === consent.id)!.scanAttachmentId).toBeNull();
    await refused(a, 'attachments.download', { id: scan.id }, 'errors.attachmentNotFound');

    const actions = await auditActions(a, client.id);
    expect(actions.filter((x) => x === 'attachment.added')).toHaveLength(2);
    expect(actions).toContain('attachment.downloaded');
    expect(actions).toContain('attachment.removed');
    expect(actions).toContain('attachments.read');
    // Audit details never carry the file name (it may name the client).
    const entries = (await a.call('audit.list', { entityId: client.id, limit: 500 })).entries.filter((e) => e.action.startsWith('attachment'));
    expect(JSON.stringify(entries.map((e) => e.details))).not.toMatch(/obcanka|souhlas/);
  }, 60_000);

  it('refuses an .exe renamed .pdf, an empty file, a file over the limit, a consent of another client; nothing changes', async () => {
    const { a, client } = await one();
    const other = await clientOn(a, { notes: 0, attachments: [], firstName: 'Karel' });
    const otherConsent = await a.call('consent.add', { clientId: other.id, consent: { kind: 'processing', givenOn: '2026-03-01' } });
    const add = (fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}) => ({ clientId: client.id, kind: 'other', fileName, contentBase64: bytes.length ? b64(bytes) : '', ...extra });

    await refused(a, 'attachments.add', add('smlouva.pdf', EXE_BYTES), 'errors.attachments.unsupportedType');
    await refused(a, 'attachments.add', add('poznamky.pdf', Buffer.from('Just text, named .pdf')), 'errors.attachments.unsupportedType');
    await refused(a, 'attachments.add', add('velky.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(ATTACHMENT_MAX_FILE_BYTES - PDF_BYTES.length + 1)])), 'errors.attachments.fileTooLarge');
    await refused(a, 'attachments.add', add('souhlas.pdf', PDF_BYTES, { kind: 'consentForm', consentId: otherConsent.id }), 'errors.attachments.consentNotFound');
    // Empty content fails the contract itself.
    const empty = await a.raw('attachments.add', add('prazdny.pdf', Buffer.alloc(0)));
    expect(empty.ok ? 'ok' : empty.error.code).toBe('VALIDATION');
    expect((await a.call('attachments.list', { clientId: client.id })).attachments).toEqual([]);
  }, 60_000);

  it('a client holds at most 50 MB: the file that would cross it is refused with the sizes, nothing changes', async () => {
    const { a, client } = await one();
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(ATTACHMENT_MAX_FILE_BYTES - PDF_BYTES.length, 0x20)]);
    for (let i = 0; i < 5; i++) await a.call('attachments.add', { clientId: client.id, kind: 'dischargeLetter', fileName: `zprava-${i}.pdf`, contentBase64: b64(big) });
    const before = a.snapshot();
    const r = await a.raw('attachments.add', { clientId: client.id, kind: 'other', fileName: 'foto.png', contentBase64: b64(PNG_BYTES) });
    expect(r.ok ? 'ok' : [r.error.code, r.error.messageKey, r.error.params]).toEqual(['REFUSED', 'errors.attachments.clientFull', { limit: '50 MB', used: '50 MB' }]);
    expect(a.snapshot()).toEqual(before);
    expect((await a.call('attachments.list', { clientId: client.id })).totalBytes).toBe(5 * ATTACHMENT_MAX_FILE_BYTES);
  }, 120_000);

  it('a handed-over case keeps its attachments readable but refuses adding and removing', async () => {
    const a = await installation(ORG_A);
    const b = await installation(ORG_B);
    const usb = tempFolder();
    cleanup.push(() => a.dispose(), () => b.dispose(), usb.dispose);
    const { bOnA } = await exchangeCards(a, b);
    const client = await clientOn(a, { notes: 0, attachments: [] });
    const scan = await a.call('attachments.add', { clientId: client.id, kind: 'consentForm', fileName: 'souhlas.pdf', contentBase64: b64(PDF_BYTES) });
    await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record'], givenOn: '2020-01-01' } });
    await a.call('handover.export', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record'], custody: true, folder: usb.dir });
    expect((await a.call('attachments.download', { id: scan.id })).fileName).toBe('souhlas.pdf');
    await refused(a, 'attachments.add', { clientId: client.id, kind: 'other', fileName: 'x.png', contentBase64: b64(PNG_BYTES) }, 'errors.clientHandedOver');
    await refused(a, 'attachments.remove', { id: scan.id }, 'errors.clientHandedOver');
  }, 60_000);
});

describe('attachments travel in a handover only when the consent covers them', () => {
  it('covered: they arrive with their kind and note, byte for byte; not covered: the export is refused, and without the section none travel', async () => {
    const a = await installation(ORG_A);
    const b = await installation(ORG_B);
    const usb = tempFolder();
    cleanup.push(() => a.dispose(), () => b.dispose(), usb.dispose);
    const { bOnA } = await exchangeCards(a, b);

    // Not covered: a consent for the record and contacts only.
    const narrow = await clientOn(a, { notes: 1, attachments: [] });
    await a.call('attachments.add', { clientId: narrow.id, kind: 'idDocument', fileName: 'pas.png', contentBase64: b64(PNG_BYTES) });
    await a.call('consent.add', { clientId: narrow.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record', 'contactLog'], givenOn: '2020-01-01' } });
    const before = a.snapshot();
    const gate = await a.raw('handover.export', { clientId: narrow.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog', 'attachments'], folder: usb.dir });
    expect(gate.ok ? 'ok' : gate.error.messageKey).toBe('errors.handover.consent.sectionsNotCovered');
    // Only the refusal's own audit entry may differ.
    const after = a.snapshot();
    for (const table of Object.keys(before).filter((t) => !t.startsWith('audit'))) expect(after[table], table).toBe(before[table]);
    const withoutPreview = await a.call('handover.preview', { clientId: narrow.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog'] });
    expect(withoutPreview.attachments).toEqual([]);
    const without = await a.call('handover.export', { clientId: narrow.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog'], folder: usb.dir });
    const inspectedWithout = await b.call('handover.inspect', { source: { path: without.filePath } });
    expect(inspectedWithout.files.filter((f) => f.path.startsWith('payload/att/'))).toEqual([]);
    const importedWithout = await b.call('handover.import', { source: { path: without.filePath }, receiptPath: usb.file('r1.bin') });
    expect((await b.call('attachments.list', { clientId: importedWithout.clientId })).attachments).toEqual([]);

    // Covered.
    const wide = await clientOn(a, { notes: 1, attachments: [], firstName: 'Karel' });
    const scan = await a.call('attachments.add', { clientId: wide.id, kind: 'consentForm', note: 'Originál v kartě.', fileName: 'souhlas.pdf', contentBase64: b64(PDF_BYTES) });
    await a.call('attachments.add', { clientId: wide.id, kind: 'dischargeLetter', fileName: 'zprava.jpg', contentBase64: b64(JPEG_BYTES) });
    await a.call('consent.add', { clientId: wide.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record', 'attachments'], givenOn: '2020-01-01' } });
    const made = await a.call('handover.export', { clientId: wide.id, recipientIds: [bOnA.id], sections: ['record', 'attachments'], folder: usb.dir });
    const imported = await b.call('handover.import', { source: { path: made.filePath }, receiptPath: usb.file('r2.bin') });
    const arrived = await b.call('attachments.list', { clientId: imported.clientId });
    expect(arrived.attachments.map((x) => [x.kind, x.fileName, x.mediaType, x.note]).sort()).toEqual([
      ['consentForm', 'souhlas.pdf', 'application/pdf', 'Originál v kartě.'],
      ['dischargeLetter', 'zprava.jpg', 'image/jpeg', ''],
    ]);
    const pdf = arrived.attachments.find((x) => x.fileName === 'souhlas.pdf')!;
    expect(pdf.sha256).toBe(scan.sha256);
    expect(Buffer.compare(Buffer.from((await b.call('attachments.download', { id: pdf.id })).contentBase64, 'base64'), PDF_BYTES)).toBe(0);
  }, 120_000);
});
