import { desc, eq } from 'drizzle-orm';
import type { Db } from '../store/open';
import { contactNotes } from '../store/schema';
import { findClientById } from './clientRepository';
import { listAssessments, findAssessment } from '../assessments/assessmentRepository';
import { listScreenings } from '../assessments/screeningRepository';
import { readGoals } from '../plan/planRepository';
import { readChecklist } from '../plan/checklistRepository';
import { readFollowUps } from '../plan/followUpRepository';
import { listServices } from '../plan/servicesRepository';
import { listReferrals } from '../directory/referralRepository';

/**
 * Everything on one client's record in one read: the record, the contact log, assessments (with the
 * latest one's content), screenings, the release plan, checklist, follow-ups, services and referrals.
 * The benchmark's "client record with everything" measures this loader.
 */
export function loadClientRecord(db: Db, clientId: string, today: string = new Date().toISOString().slice(0, 10)) {
  const client = findClientById(db, clientId);
  if (!client) return undefined;
  const contacts = db.select().from(contactNotes).where(eq(contactNotes.clientId, clientId)).orderBy(desc(contactNotes.at)).all();
  const assessments = listAssessments(db, clientId);
  const latest = assessments[0] ? findAssessment(db, assessments[0].id) : undefined;
  return {
    client,
    contacts,
    assessments,
    latestAssessment: latest,
    screenings: listScreenings(db, clientId),
    goals: readGoals(db, clientId),
    checklist: readChecklist(db, clientId, client.earliestRelease),
    followUps: readFollowUps(db, clientId, client.actualRelease, today),
    services: listServices(db, clientId),
    referrals: listReferrals(db, clientId),
  };
}
