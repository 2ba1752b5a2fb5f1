import { apiError } from '../../../../shared/api';
import type { contactLogCalls } from '../../../../shared/api/calls/contacts';
import type { HandlersFor } from './types';
import { contactNoteById, insertContactNote, listContactNotes } from '../../plan/contactLogRepository';
import { randomUUID } from 'node:crypto';

export const contactLogHandlers: HandlersFor<typeof contactLogCalls> = {
  'contactLog.list': (input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'contactLog.read', entityType: 'client', entityId: client.id });
    return listContactNotes(ctx.db, client.id, input.limit, input.offset);
  },

  'contactLog.add': (input, ctx) => {
    const { clientId: _clientId, ...fields } = input;
    const { client, now, today } = ctx;
    // A contact is logged after it happened; a planned visit belongs in the plan's tasks.
    if (fields.at.slice(0, 10) > today) throw apiError('REFUSED', 'A contact cannot be logged in the future.', 'errors.contactInFuture');
    const id = randomUUID();
    ctx.change({ action: 'contactLog.added', entityType: 'client', entityId: client.id, details: { noteId: id, channel: fields.channel, phase: fields.phase } }, (tx) =>
      insertContactNote(tx, client.id, fields, { userId: ctx.user.id, now }, id),
    );
    return contactNoteById(ctx.db, id);
  },
};
