import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  CASE_SCHEMA_VERSION,
  CASE_TYPE,
  HEALTH_SERVICE_KINDS,
  type CasePayload,
  type HandoverSection,
} from '../../../shared/schemas/handover';
import type { Client } from '../../../shared/schemas/client';
import type { Db } from '../store/open';
import { checklistItems, clientAttachments, clients, consents, contactNotes, followUps, planGoals, planTasks, referenceItems, servicesLog, users } from '../store/schema';
import { sortNameOf } from '../clients/clientRepository';
import { refreshChecklistCounts } from '../plan/checklistRepository';
import type { BundleAttachment } from './bundleFormat';
import { withClientNoteLoad } from '../store/searchIndex';

/**
 * The case payload (payload/case.json) from a client's rows, and back. Only the chosen sections are read; the
 * record (with consents) is always there. Assessments and referrals join here as their tables appear.
 */

const userNames = (db: Db) => new Map(db.select({ id: users.id, name: users.displayName }).from(users).all().map((u) => [u.id, u.name]));

export function readCasePayload(db: Db, client: Client, sections: readonly HandoverSection[], caseId: string, revision: number): { payload: CasePayload; attachments: BundleAttachment[] } {
  const names = userNames(db);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? '') : '');
  const has = (s: HandoverSection) => sections.includes(s);
  const payload: CasePayload = {
    type: CASE_TYPE,
    schemaVersion: CASE_SCHEMA_VERSION,
    caseId,
    revision,
    sections: ['record', ...sections.filter((s) => s !== 'record')],
    record: {
      code: client.code,
      firstName: client.firstName,
      lastName: client.lastName,
      dateOfBirth: client.dateOfBirth,
      sex: client.sex,
      nationality: client.nationality,
      preferredLanguage: client.preferredLanguage,
      prisonName: client.prisonName,
      sentenceStart: client.sentenceStart,
      earliestRelease: client.earliestRelease,
      latestRelease: client.latestRelease,
      actualRelease: client.actualRelease,
      regionName: client.regionName,
      municipality: client.municipality,
      status: client.status,
      notes: client.notes,
      assignedWorkerName: client.assignedWorkerName,
      consents: db
        .select()
        .from(consents)
        .where(eq(consents.clientId, client.id))
        .orderBy(asc(consents.createdAt))
        .all()
        .map((c) => ({ kind: c.kind, organisation: c.organisation, sections: JSON.parse(c.sections) as HandoverSection[], givenOn: c.givenOn, expiresOn: c.expiresOn, withdrawnOn: c.withdrawnOn, note: c.note })),
    },
  };
  if (has('plan') || has('health')) {
    const services = db.select().from(servicesLog).where(eq(servicesLog.clientId, client.id)).orderBy(asc(servicesLog.deliveredOn), asc(servicesLog.createdAt)).all();
    const toEntry = (s: (typeof services)[number]) => ({
      kind: s.kind,
      deliveredOn: s.deliveredOn,
      oatMedication: s.oatMedication,
      oatDose: s.oatDose,
      prescriber: s.prescriber,
      disease: s.disease,
      testResult: s.testResult,
      programme: s.programme,
      attended: s.attended,
      note: s.note,
      createdAt: s.createdAt,
      createdByName: nameOf(s.createdBy),
    });
    if (has('health')) payload.health = { screenings: [], services: services.filter((s) => HEALTH_SERVICE_KINDS.includes(s.kind)).map(toEntry) };
    if (has('plan')) {
      const goals = db.select().from(planGoals).where(eq(planGoals.clientId, client.id)).orderBy(asc(planGoals.domain), asc(planGoals.position)).all();
      const tasks = db.select().from(planTasks).where(eq(planTasks.clientId, client.id)).orderBy(asc(planTasks.position)).all();
      payload.plan = {
        goals: goals.map((g) => ({
          domain: g.domain,
          title: g.title,
          status: g.status,
          tasks: tasks
            .filter((t) => t.goalId === g.id)
            .map((t) => ({ title: t.title, dueDate: t.dueDate, responsibleKind: t.responsibleKind, responsibleName: t.responsibleName, status: t.status, completedAt: t.completedAt })),
        })),
        checklist: db
          .select()
          .from(checklistItems)
          .where(eq(checklistItems.clientId, client.id))
          .orderBy(asc(checklistItems.itemKey))
          .all()
          .map((c) => ({ itemKey: c.itemKey, status: c.status, note: c.note, notApplicableReason: c.notApplicableReason, updatedAt: c.updatedAt })),
        services: services.filter((s) => !HEALTH_SERVICE_KINDS.includes(s.kind)).map(toEntry),
      };
    }
  }
  if (has('contactLog')) {
    payload.contactLog = {
      contacts: db
        .select()
        .from(contactNotes)
        .where(eq(contactNotes.clientId, client.id))
        .orderBy(asc(contactNotes.at), asc(contactNotes.createdAt))
        .all()
        .map((n) => ({ at: n.at, channel: n.channel, phase: n.phase, participants: n.participants, notes: n.notes, authorName: nameOf(n.authorId), createdAt: n.createdAt })),
      followUps: db
        .select()
        .from(followUps)
        .where(eq(followUps.clientId, client.id))
        .orderBy(asc(followUps.dueDate))
        .all()
        .map((f) => ({
          milestone: f.milestone,
          dueDate: f.dueDate,
          reached: f.reached,
          contactedOn: f.contactedOn,
          housing: f.housing,
          employment: f.employment,
          substanceUse: f.substanceUse,
          treatmentAttendance: f.treatmentAttendance,
          rearrest: f.rearrest,
          overdose: f.overdose,
          note: f.note,
          createdAt: f.createdAt,
          createdByName: nameOf(f.createdBy),
        })),
    };
  }
  const attachments: BundleAttachment[] = [];
  if (has('attachments')) {
    const rows = db.select().from(clientAttachments).where(eq(clientAttachments.clientId, client.id)).orderBy(asc(clientAttachments.createdAt)).all();
    payload.attachments = rows.map((a) => ({ sha256: a.sha256, fileName: a.fileName, mediaType: a.mediaType, size: a.size, description: a.description, kind: a.kind }));
    const seen = new Set<string>();
    for (const a of rows) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      attachments.push({ sha256: a.sha256, mediaType: a.mediaType, bytes: a.data });
    }
  }
  return { payload, attachments };
}

/** Counts per section, for the preview and the verify output. */
export function payloadCounts(p: CasePayload): Record<string, number> {
  return {
    consents: p.record.consents.length,
    goals: p.plan?.goals.length ?? 0,
    tasks: p.plan?.goals.reduce((n, g) => n + g.tasks.length, 0) ?? 0,
    checklistItems: p.plan?.checklist.length ?? 0,
    services: (p.plan?.services.length ?? 0) + (p.health?.services.length ?? 0),
    contacts: p.contactLog?.contacts.length ?? 0,
    followUps: p.contactLog?.followUps.length ?? 0,
    attachments: p.attachments?.length ?? 0,
  };
}

function referenceIdFor(db: Db, kind: 'prison' | 'region', name: string | null): string | null {
  if (!name) return null;
  const found = db.select().from(referenceItems).where(and(eq(referenceItems.kind, kind), eq(referenceItems.name, name))).get();
  if (found) return found.id;
  const id = randomUUID();
  db.insert(referenceItems).values({ id, kind, name, active: true }).run();
  return id;
}

/**
 * Writes an imported case inside the caller's transaction: a new client, or the rows of an existing one replaced
 * (`intoClientId`). The importing user becomes the assigned worker; authors' names stay in the notes' history.
 */
export function writeCasePayload(
  db: Db,
  payload: CasePayload,
  attachments: Map<string, BundleAttachment>,
  who: { userId: string; now: Date },
  target: { intoClientId: string | null; code: string },
): string {
  // Notes go in without the per-note search trigger; the client's search document is rebuilt once (linear time).
  return withClientNoteLoad(db, () => {
    const clientId = writeCaseRows(db, payload, attachments, who, target);
    return { clientId, result: clientId };
  });
}

function writeCaseRows(
  db: Db,
  payload: CasePayload,
  attachments: Map<string, BundleAttachment>,
  who: { userId: string; now: Date },
  target: { intoClientId: string | null; code: string },
): string {
  const at = who.now.toISOString();
  const r = payload.record;
  const fields = {
    code: target.code,
    firstName: r.firstName,
    lastName: r.lastName,
    sortName: sortNameOf(r.firstName, r.lastName),
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    nationality: r.nationality,
    preferredLanguage: r.preferredLanguage,
    prisonId: referenceIdFor(db, 'prison', r.prisonName),
    sentenceStart: r.sentenceStart,
    earliestRelease: r.earliestRelease,
    latestRelease: r.latestRelease,
    actualRelease: r.actualRelease,
    regionId: referenceIdFor(db, 'region', r.regionName),
    municipality: r.municipality,
    assignedWorkerId: who.userId,
    status: r.status,
    notes: r.notes,
    custody: 'held' as const,
    handedOverTo: null,
    handedOverAt: null,
    receiptReceivedAt: null,
    updatedAt: at,
  };
  let clientId: string;
  if (target.intoClientId) {
    clientId = target.intoClientId;
    const current = db.select({ revision: clients.revision }).from(clients).where(eq(clients.id, clientId)).get();
    db.update(clients).set({ ...fields, revision: (current?.revision ?? 0) + 1 }).where(eq(clients.id, clientId)).run();
    // The handover is authoritative for the sections it carries: their rows are replaced, others kept.
    const sections = new Set(payload.sections);
    db.delete(consents).where(eq(consents.clientId, clientId)).run();
    if (sections.has('plan')) {
      db.delete(planTasks).where(eq(planTasks.clientId, clientId)).run();
      db.delete(planGoals).where(eq(planGoals.clientId, clientId)).run();
      db.delete(checklistItems).where(eq(checklistItems.clientId, clientId)).run();
    }
    const replacedServiceKinds = [...(sections.has('plan') ? ['overdosePrevention', 'naloxoneKit', 'programmeSession'] : []), ...(sections.has('health') ? HEALTH_SERVICE_KINDS : [])];
    if (replacedServiceKinds.length) db.delete(servicesLog).where(and(eq(servicesLog.clientId, clientId), inArray(servicesLog.kind, replacedServiceKinds as (typeof servicesLog.$inferSelect)['kind'][]))).run();
    if (sections.has('contactLog')) {
      db.delete(contactNotes).where(eq(contactNotes.clientId, clientId)).run();
      db.delete(followUps).where(eq(followUps.clientId, clientId)).run();
    }
    if (sections.has('attachments')) db.delete(clientAttachments).where(eq(clientAttachments.clientId, clientId)).run();
  } else {
    clientId = randomUUID();
    db.insert(clients).values({ ...fields, id: clientId, createdAt: at, revision: 1 }).run();
  }
  const by = { createdBy: who.userId, updatedBy: who.userId };
  // Consents that arrive name the sender's recipients by organisation only: shown here as needing review.
  for (const c of r.consents) {
    db.insert(consents)
      .values({ id: randomUUID(), clientId, kind: c.kind, organisation: c.organisation, binding: c.kind === 'sharing' ? 'needsReview' : null, sections: JSON.stringify(c.sections), givenOn: c.givenOn, expiresOn: c.expiresOn, withdrawnOn: c.withdrawnOn, note: c.note, recordedBy: who.userId, createdAt: at })
      .run();
  }
  const services = [...(payload.plan?.services ?? []), ...(payload.health?.services ?? [])];
  for (const s of services) {
    const { createdByName: _n, createdAt, ...rest } = s;
    db.insert(servicesLog).values({ id: randomUUID(), clientId, ...rest, createdAt, updatedAt: at, ...by }).run();
  }
  if (payload.plan) {
    payload.plan.goals.forEach((g, gi) => {
      const goalId = randomUUID();
      db.insert(planGoals).values({ id: goalId, clientId, domain: g.domain, title: g.title, status: g.status, position: gi, createdAt: at, updatedAt: at, ...by }).run();
      g.tasks.forEach((t, ti) => {
        db.insert(planTasks).values({ id: randomUUID(), goalId, clientId, ...t, position: ti, createdAt: at, updatedAt: at, ...by }).run();
      });
    });
    for (const c of payload.plan.checklist) {
      db.insert(checklistItems).values({ clientId, ...c, updatedBy: who.userId }).run();
    }
    refreshChecklistCounts(db, clientId);
  }
  if (payload.contactLog) {
    let lastContact: string | null = null;
    for (const n of payload.contactLog.contacts) {
      const { authorName: _a, ...rest } = n;
      db.insert(contactNotes).values({ id: randomUUID(), clientId, ...rest, authorId: who.userId }).run();
      if (!lastContact || n.at > lastContact) lastContact = n.at;
    }
    if (lastContact) db.update(clients).set({ lastContactAt: lastContact }).where(eq(clients.id, clientId)).run();
    for (const f of payload.contactLog.followUps) {
      const { createdByName: _n, createdAt, ...rest } = f;
      db.insert(followUps).values({ id: randomUUID(), clientId, ...rest, createdAt, updatedAt: at, ...by }).run();
    }
  }
  for (const a of payload.attachments ?? []) {
    const file = attachments.get(a.sha256)!;
    db.insert(clientAttachments)
      .values({ id: randomUUID(), clientId, sha256: a.sha256, kind: a.kind ?? 'other', fileName: a.fileName, mediaType: a.mediaType, size: file.bytes.length, description: a.description, data: Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes), createdAt: at, createdBy: who.userId })
      .run();
  }
  return clientId;
}
