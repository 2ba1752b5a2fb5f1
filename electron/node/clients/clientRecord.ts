import { desc, eq } from 'drizzle-orm';
import type { Db } from '../store/open';
import { contactNotes } from '../store/schema';
import { findClientById } from './clientRepository';

/**
 * Everything on one client's record page in one read: the record and its contact log. Areas that add
 * sections to the record (assessments, plan, referrals, consents) extend this loader, so the benchmark's
 * "client record with everything" measures what the screen really loads.
 */
export function loadClientRecord(db: Db, clientId: string) {
  const client = findClientById(db, clientId);
  if (!client) return undefined;
  const contacts = db.select().from(contactNotes).where(eq(contactNotes.clientId, clientId)).orderBy(desc(contactNotes.at)).all();
  return { client, contacts };
}
