import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import type { AttachmentAdd } from '../../../shared/api/calls/attachments';
import {
  ATTACHMENT_MAX_CLIENT_BYTES,
  ATTACHMENT_MAX_FILE_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  type Attachment,
  type AttachmentMediaType,
} from '../../../shared/schemas/attachment';
import { attachments as TEXT } from '../../../shared/i18n/locales/attachments';
import type { ReadDb, WriteDb } from '../api/context';
import type { Db } from '../store/open';
import { clientAttachments, consents, users } from '../store/schema';
import { mediaTypeMatches } from '../handover/bundleFormat';

/**
 * W10 attachments: scans and documents stored inside the encrypted database. What a file is comes from its first
 * bytes (the same magic-byte rules a handover import checks), never from its name; the name only gets the
 * matching extension, so that a download opens in the right program.
 */

const ERR = TEXT.en.errors.attachments;
const EXTENSION: Record<AttachmentMediaType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };
const megabytes = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;
const fill = (text: string, params: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => params[k] ?? '');

/** The media type the bytes are, or null when they are none of the accepted ones. */
export function detectAttachmentMediaType(bytes: Buffer): AttachmentMediaType | null {
  return ATTACHMENT_MEDIA_TYPES.find((type) => mediaTypeMatches(type, bytes)) ?? null;
}

/**
 * The name to store: the last path segment only, no control characters, and the extension of the detected type
 * ("scan.pdf" that is a PNG becomes "scan.png"; "scan.jpeg" stays as it is).
 */
export function storedFileName(given: string, mediaType: AttachmentMediaType): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = path.basename(given.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'soubor';
  const ext = path.extname(base);
  const lower = ext.toLowerCase();
  const fits = mediaType === 'image/jpeg' ? lower === '.jpg' || lower === '.jpeg' : lower === EXTENSION[mediaType];
  const stem = base.slice(0, base.length - ext.length);
  return `${stem.slice(0, 200) || 'soubor'}${fits ? ext : EXTENSION[mediaType]}`;
}

function selectAttachments(db: Db) {
  return db
    .select({
      id: clientAttachments.id,
      clientId: clientAttachments.clientId,
      kind: clientAttachments.kind,
      fileName: clientAttachments.fileName,
      mediaType: clientAttachments.mediaType,
      size: clientAttachments.size,
      sha256: clientAttachments.sha256,
      note: clientAttachments.description,
      createdAt: clientAttachments.createdAt,
      createdByName: users.displayName,
      consentId: sql<string | null>`(SELECT ${consents.id} FROM ${consents} WHERE ${consents.scanAttachmentId} = ${clientAttachments.id} LIMIT 1)`,
    })
    .from(clientAttachments)
    .leftJoin(users, eq(users.id, clientAttachments.createdBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAttachments>['all']>>[number];
const toAttachment = (r: Row): Attachment => ({ ...r, note: r.note ?? '', createdByName: r.createdByName ?? null, consentId: r.consentId ?? null });

export function listAttachments(db: ReadDb | WriteDb, clientId: string): { attachments: Attachment[]; totalBytes: number } {
  const rows = selectAttachments(db).where(eq(clientAttachments.clientId, clientId)).orderBy(desc(clientAttachments.createdAt)).all().map(toAttachment);
  return { attachments: rows, totalBytes: clientBytes(db, clientId) };
}

function clientBytes(db: Db, clientId: string): number {
  return db.select({ n: sql<number>`coalesce(sum(${clientAttachments.size}), 0)` }).from(clientAttachments).where(eq(clientAttachments.clientId, clientId)).get()?.n ?? 0;
}

export function getAttachment(db: Db, id: string): Attachment {
  const row = selectAttachments(db).where(eq(clientAttachments.id, id)).get();
  if (!row) throw apiError('NOT_FOUND', 'No such attachment.', 'errors.attachmentNotFound');
  return toAttachment(row);
}

export function attachmentBytes(db: Db, id: string): { fileName: string; mediaType: string; data: Buffer } {
  const row = db.select({ fileName: clientAttachments.fileName, mediaType: clientAttachments.mediaType, data: clientAttachments.data }).from(clientAttachments).where(eq(clientAttachments.id, id)).get();
  if (!row) throw apiError('NOT_FOUND', 'No such attachment.', 'errors.attachmentNotFound');
  return row;
}

/** Decodes and checks a new file before anything is written: size, then what its bytes are. */
export function checkNewFile(contentBase64: string, fileName: string): { data: Buffer; mediaType: AttachmentMediaType; fileName: string; sha256: string } {
  const data = Buffer.from(contentBase64, 'base64');
  const limit = { limit: megabytes(ATTACHMENT_MAX_FILE_BYTES) };
  if (data.length === 0) throw apiError('VALIDATION', ERR.empty, 'errors.attachments.empty');
  if (data.length > ATTACHMENT_MAX_FILE_BYTES) throw apiError('VALIDATION', fill(ERR.fileTooLarge, limit), 'errors.attachments.fileTooLarge', limit);
  const mediaType = detectAttachmentMediaType(data);
  if (!mediaType) throw apiError('VALIDATION', ERR.unsupportedType, 'errors.attachments.unsupportedType');
  return { data, mediaType, fileName: storedFileName(fileName, mediaType), sha256: createHash('sha256').update(data).digest('hex') };
}

/**
 * Inserts the checked file; in the caller's transaction, so the per-client total is read and raised atomically.
 * A consent to link must be this client's.
 */
export function insertAttachment(
  tx: WriteDb,
  clientId: string,
  input: Pick<AttachmentAdd, 'kind' | 'note' | 'consentId'>,
  file: ReturnType<typeof checkNewFile>,
  userId: string,
  now: Date,
): string {
  const used = clientBytes(tx, clientId);
  if (used + file.data.length > ATTACHMENT_MAX_CLIENT_BYTES) {
    const params = { limit: megabytes(ATTACHMENT_MAX_CLIENT_BYTES), used: megabytes(used) };
    throw apiError('REFUSED', fill(ERR.clientFull, params), 'errors.attachments.clientFull', params);
  }
  if (input.consentId) {
    const consent = tx.select({ id: consents.id }).from(consents).where(and(eq(consents.id, input.consentId), eq(consents.clientId, clientId))).get();
    if (!consent) throw apiError('VALIDATION', ERR.consentNotFound, 'errors.attachments.consentNotFound');
  }
  const id = randomUUID();
  tx.insert(clientAttachments)
    .values({ id, clientId, kind: input.kind, sha256: file.sha256, fileName: file.fileName, mediaType: file.mediaType, size: file.data.length, description: input.note?.trim() || null, data: file.data, createdAt: now.toISOString(), createdBy: userId })
    .run();
  if (input.consentId) tx.update(consents).set({ scanAttachmentId: id }).where(eq(consents.id, input.consentId)).run();
  return id;
}

/** Removes the file and unlinks it from a consent that named it as its scan. */
export function deleteAttachment(tx: WriteDb, id: string): void {
  tx.update(consents).set({ scanAttachmentId: null }).where(eq(consents.scanAttachmentId, id)).run();
  tx.delete(clientAttachments).where(eq(clientAttachments.id, id)).run();
}
