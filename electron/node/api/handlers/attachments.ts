import type { attachmentsCalls } from '../../../../shared/api/calls/attachments';
import { ATTACHMENT_MAX_CLIENT_BYTES, ATTACHMENT_MAX_FILE_BYTES } from '../../../../shared/schemas/attachment';
import type { HandlersFor } from './types';
import { attachmentBytes, checkNewFile, deleteAttachment, getAttachment, insertAttachment, listAttachments } from '../../attachments/attachmentService';

// The dispatcher resolved each call's client (from the attachment for download/remove) and checked reach and custody.
// Audited against the client; details carry ids, kind, type and size, never the file name (it may name the client).
export const attachmentsHandlers: HandlersFor<typeof attachmentsCalls> = {
  'attachments.list': (_input, ctx) => {
    ctx.audit({ action: 'attachments.read', entityType: 'client', entityId: ctx.client.id });
    return { ...listAttachments(ctx.db, ctx.client.id), maxClientBytes: ATTACHMENT_MAX_CLIENT_BYTES, maxFileBytes: ATTACHMENT_MAX_FILE_BYTES };
  },

  'attachments.add': (input, ctx) => {
    const file = checkNewFile(input.contentBase64, input.fileName);
    const id = ctx.change(
      { action: 'attachment.added', entityType: 'client', entityId: ctx.client.id, details: { kind: input.kind, mediaType: file.mediaType, size: file.data.length, consentLinked: input.consentId !== null } },
      (tx) => insertAttachment(tx, ctx.client.id, input, file, ctx.user.id, ctx.now),
    );
    return getAttachment(ctx.db, id);
  },

  'attachments.download': (input, ctx) => {
    const file = attachmentBytes(ctx.db, input.id);
    ctx.audit({ action: 'attachment.downloaded', entityType: 'client', entityId: ctx.client.id, details: { attachmentId: input.id, mediaType: file.mediaType, size: file.data.length } });
    return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.data.toString('base64') };
  },

  'attachments.remove': (input, ctx) => {
    const current = getAttachment(ctx.db, input.id);
    ctx.change({ action: 'attachment.removed', entityType: 'client', entityId: ctx.client.id, details: { attachmentId: input.id, kind: current.kind, mediaType: current.mediaType, size: current.size } }, (tx) =>
      deleteAttachment(tx, input.id),
    );
    return {};
  },
};
