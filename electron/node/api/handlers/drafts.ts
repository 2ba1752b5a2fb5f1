import { and, eq } from 'drizzle-orm';
import type { draftsCalls } from '../../../../shared/api/calls/drafts';
import type { HandlersFor } from './types';
import { drafts } from '../../store/schema';

// Drafts are the user's own unsaved typing: not audited per keystroke; the record they become is.
export const draftsHandlers: HandlersFor<typeof draftsCalls> = {
  'drafts.get': (input, { db, user }) => {
    const row = db.select().from(drafts).where(and(eq(drafts.userId, user.id), eq(drafts.formKey, input.formKey))).get();
    return row ? { data: JSON.parse(row.data) as Record<string, unknown>, updatedAt: row.updatedAt } : null;
  },
  'drafts.save': (input, { db, user, now }) => {
    const updatedAt = now.toISOString();
    const data = JSON.stringify(input.data);
    db.insert(drafts)
      .values({ userId: user.id, formKey: input.formKey, data, updatedAt })
      .onConflictDoUpdate({ target: [drafts.userId, drafts.formKey], set: { data, updatedAt } })
      .run();
    return { updatedAt };
  },
  'drafts.discard': (input, { db, user }) => {
    db.delete(drafts).where(and(eq(drafts.userId, user.id), eq(drafts.formKey, input.formKey))).run();
    return {};
  },
};
