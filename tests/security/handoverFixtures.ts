import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { clientAttachments } from '../../electron/node/store/schema';

/**
 * Two real installations for handover tests: A (prison side, Sananim) and B (community, Podané ruce), with
 * cards exchanged and verified, a client on A with contacts, a plan item and attachments, and A's consent for B.
 */

export const ORG_A = 'Sananim z.ú.';
export const ORG_B = 'Podané ruce o.p.s.';

export async function installation(organisation: string): Promise<TempInstallation> {
  const inst = new TempInstallation();
  await inst.call('setup.initialize', { organisation, workstation: 'PC-1', admin: ADMIN });
  if (!inst.backend.session?.user) await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  return inst;
}

export async function exchangeCards(a: TempInstallation, b: TempInstallation) {
  const cardA = await a.call('identity.get', {});
  const cardB = await b.call('identity.get', {});
  const bOnA = await a.call('trustedContacts.add', { cardText: cardB.cardText, verifiedCode: cardB.safetyCode });
  const aOnB = await b.call('trustedContacts.add', { cardText: cardA.cardText, verifiedCode: cardA.safetyCode });
  return { cardA, cardB, bOnA, aOnB };
}

export const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);

/** Writes an attachment row directly, without the API's checks (for bad-input bundles and the bench); tests of the feature use `attachments.add`. */
export function addAttachment(inst: TempInstallation, clientId: string, fileName: string, mediaType: string, data: Buffer): void {
  const db = inst.backend.session!.store.db;
  db.insert(clientAttachments)
    .values({ id: randomUUID(), clientId, sha256: createHash('sha256').update(data).digest('hex'), fileName, mediaType, size: data.length, description: null, data, createdAt: new Date().toISOString(), createdBy: inst.backend.session!.user!.id })
    .run();
}

export async function clientOn(inst: TempInstallation, opts: { notes?: number; attachments?: { name: string; mediaType: string; data: Buffer }[]; firstName?: string } = {}) {
  const client = await inst.call('clients.create', {
    client: {
      firstName: opts.firstName ?? 'Petr',
      lastName: 'Šťastný',
      dateOfBirth: '1988-04-12',
      sex: 'male',
      nationality: 'CZ',
      assignedWorkerId: inst.backend.session!.user!.id,
      earliestRelease: '2031-06-01',
      latestRelease: '2032-01-31',
      sentenceStart: '2029-01-15',
      municipality: 'Praha',
      notes: 'Chce pokračovat v substituci.',
    },
  });
  for (let i = 0; i < (opts.notes ?? 3); i++) {
    await inst.call('contactLog.add', { clientId: client.id, at: `2024-0${(i % 9) + 1}-1${i % 10}T10:00`, channel: 'prisonVisit', phase: 'custody', participants: 'klient', notes: `Návštěva ${i}: plán po propuštění, bydlení, OST.` });
  }
  for (const a of opts.attachments ?? [{ name: 'souhlas.pdf', mediaType: 'application/pdf', data: PDF_BYTES }, { name: 'foto.png', mediaType: 'image/png', data: PNG_BYTES }]) {
    addAttachment(inst, client.id, a.name, a.mediaType, a.data);
  }
  return client;
}

export function tempFolder(): { dir: string; file: (name: string) => string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughcare-usb-'));
  return { dir, file: (name) => path.join(dir, name), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * "Nothing changed", proven: a SHA-256 over every row of every table (the search index through its shadow tables),
 * not row counts. Rows are hashed one by one and sorted, so the result does not depend on the scan order.
 */
export function tableChecksums(inst: TempInstallation): Record<string, string> {
  const sqlite = inst.backend.session!.store.sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[];
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = (sqlite.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((row) =>
      createHash('sha256')
        .update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `b:${v.toString('hex')}` : typeof v === 'bigint' ? `n:${v}` : v))))
        .digest('hex'),
    );
    sums[name] = createHash('sha256').update(rows.sort().join('\n')).digest('hex');
  }
  return sums;
}
