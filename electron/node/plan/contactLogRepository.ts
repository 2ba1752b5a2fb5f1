import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { ContactNote, ContactNoteFields } from '../../../shared/schemas/contactLog';
import type { Db } from '../store/open';
import { contactNotes, users } from '../store/schema';

/** A page of the contact log, newest first. The FTS index and `clients.last_contact_at` follow by triggers. */
export function listContactNotes(db: Db, clientId: string, limit: number, offset: number): { notes: ContactNote[]; total: number } {
  const rows = db
    .select({ n: contactNotes, authorName: users.displayName })
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.authorId))
    .where(eq(contactNotes.clientId, clientId))
    .orderBy(desc(contactNotes.at), desc(contactNotes.createdAt))
    .limit(limit)
    .offset(offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(contactNotes).where(eq(contactNotes.clientId, clientId)).get()?.n ?? 0;
  return { notes: rows.map(({ n, authorName }) => toNote(n, authorName)), total };
}

function toNote(n: typeof contactNotes.$inferSelect, authorName: string | null): ContactNote {
  return { id: n.id, clientId: n.clientId, at: n.at, channel: n.channel, phase: n.phase, participants: n.participants || null, notes: n.notes, authorName, createdAt: n.createdAt };
}

export function insertContactNote(db: Db, clientId: string, f: ContactNoteFields, who: { userId: string; now: Date }, id: string = randomUUID()): string {
  db.insert(contactNotes)
    .values({ id, clientId, at: f.at, channel: f.channel, phase: f.phase, participants: f.participants, notes: f.notes, authorId: who.userId, createdAt: who.now.toISOString() })
    .run();
  return id;
}

export function contactNoteById(db: Db, id: string): ContactNote {
  const row = db.select({ n: contactNotes, authorName: users.displayName }).from(contactNotes).leftJoin(users, eq(users.id, contactNotes.authorId)).where(eq(contactNotes.id, id)).get();
  return toNote(row!.n, row!.authorName);
}
