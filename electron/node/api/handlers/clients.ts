import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ApiError, apiError, issuesFromZod } from '../../../../shared/api';
import type { clientsCalls, referenceCalls } from '../../../../shared/api/calls/clients';
import { checkClientDatesAt, type Client } from '../../../../shared/schemas/client';
import type { HandlersFor } from './types';
import { referenceItems } from '../../store/schema';
import {
  checkClientReferences,
  findClientById,
  findPossibleDuplicates,
  generateClientCode,
  insertClient,
  updateClientRow,
} from '../../clients/clientRepository';
import { queryCaseload } from '../../clients/caseloadQuery';

/** The revision the form was loaded from must still be current (the dispatcher checked reach and custody). */
function unchangedSince(client: Client, revision: number): Client {
  if (client.revision !== revision) {
    throw apiError('CONFLICT', 'Someone changed this client since you opened it. Reload to see the latest version.', 'errors.staleRevision');
  }
  return client;
}

/**
 * The date rules that need today (birth, actual release), on the call's one clock. An update checks only the
 * values it changes, so an old record is not blocked by a rule it predates.
 */
function checkDatesAgainstToday(fields: Record<string, unknown>, today: string, under?: 'client'): void {
  const rules = z.any().superRefine(checkClientDatesAt(today));
  const result = (under ? z.object({ [under]: rules }) : rules).safeParse(under ? { [under]: fields } : fields);
  if (result.success) return;
  const first = result.error.issues[0] as { message: string; params?: { i18n?: string } };
  throw new ApiError({ code: 'VALIDATION', message: first.message, messageKey: `validation.${first.params?.i18n ?? 'invalid'}`, issues: issuesFromZod(result.error) });
}

export const clientsHandlers: HandlersFor<typeof clientsCalls> = {
  'clients.caseload': (input, ctx) => {
    const page = queryCaseload(ctx.db, ctx.user, input, ctx.now);
    // Which clients were listed to whom is part of the trail; the search text is not (it may be a name).
    ctx.audit({ action: 'caseload.viewed', details: { rows: page.rows.length, total: page.total, searched: input.search.trim() !== '' } });
    return page;
  },

  'clients.get': (_input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'client.read', entityType: 'client', entityId: client.id });
    return client;
  },

  'clients.suggestCode': (_input, ctx) => ({ code: generateClientCode(ctx.db) }),

  'clients.checkDuplicates': (input, ctx) => {
    return findPossibleDuplicates(ctx.db, input, input.excludeId);
  },

  'clients.create': (input, ctx) => {
    checkDatesAgainstToday(input.client, ctx.today, 'client');
    const code = input.client.code ?? generateClientCode(ctx.db);
    const fields = { ...input.client, code };
    checkClientReferences(ctx.db, fields);
    const duplicates = findPossibleDuplicates(ctx.db, fields);
    if (duplicates.some((d) => d.reason === 'sameCode')) {
      throw apiError('CONFLICT', `The client code ${code} is already used.`, 'errors.clientCodeTaken', { code });
    }
    if (duplicates.length && !input.confirmDuplicate) {
      throw apiError('CONFLICT', 'A client with the same name and date of birth exists. Check it, then confirm to register anyway.', 'errors.possibleDuplicate', {
        codes: duplicates.map((d) => d.code).join(', '),
      });
    }
    const id = randomUUID();
    ctx.change({ action: 'client.created', entityType: 'client', entityId: id, details: { possibleDuplicates: duplicates.length } }, (tx) =>
      insertClient(tx, fields, ctx.now, id),
    );
    return findClientById(ctx.db, id)!;
  },

  'clients.update': (input, ctx) => {
    const { id, revision, ...patch } = input;
    const current = unchangedSince(ctx.client, revision);
    checkDatesAgainstToday(Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== (current as Record<string, unknown>)[k])), ctx.today);
    const merged = { ...current, ...patch };
    checkClientReferences(ctx.db, merged);
    if (patch.code && patch.code !== current.code && findPossibleDuplicates(ctx.db, { ...merged, code: patch.code }, id).some((d) => d.reason === 'sameCode')) {
      throw apiError('CONFLICT', `The client code ${patch.code} is already used.`, 'errors.clientCodeTaken', { code: patch.code });
    }
    // Field names only: the trail says what kind of thing changed without copying personal data into it.
    const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== (current as Record<string, unknown>)[k]);
    ctx.change({ action: 'client.updated', entityType: 'client', entityId: id, details: { fields: changed.join(',') } }, (tx) =>
      updateClientRow(tx, id, patch, ctx.now),
    );
    return findClientById(ctx.db, id)!;
  },

  'clients.setStatus': (input, ctx) => {
    const current = unchangedSince(ctx.client, input.revision);
    ctx.change({ action: 'client.statusChanged', entityType: 'client', entityId: input.id, details: { from: current.status, to: input.status } }, (tx) =>
      updateClientRow(tx, input.id, { status: input.status }, ctx.now),
    );
    return findClientById(ctx.db, input.id)!;
  },

  'clients.reassign': (input, ctx) => {
    const current = unchangedSince(ctx.client, input.revision);
    checkClientReferences(ctx.db, { ...current, assignedWorkerId: input.workerId });
    ctx.change(
      { action: 'client.reassigned', entityType: 'client', entityId: input.id, details: { from: current.assignedWorkerId, to: input.workerId } },
      (tx) => updateClientRow(tx, input.id, { assignedWorkerId: input.workerId }, ctx.now),
    );
    // After handing the case to a colleague a caseworker may no longer see it; return what was saved.
    return findClientById(ctx.db, input.id)!;
  },
};

export const referenceHandlers: HandlersFor<typeof referenceCalls> = {
  'reference.list': (input, { db }) => {
    return db
      .select()
      .from(referenceItems)
      .where(and(eq(referenceItems.kind, input.kind), input.includeInactive ? undefined : eq(referenceItems.active, true)))
      .orderBy(asc(referenceItems.name))
      .all();
  },

  'reference.create': (input, ctx) => {
    const existing = ctx.db.select().from(referenceItems).where(eq(referenceItems.kind, input.kind)).all();
    if (existing.some((r) => r.name.toLocaleLowerCase('cs') === input.name.toLocaleLowerCase('cs'))) {
      throw apiError('CONFLICT', `"${input.name}" is already in the list.`, 'errors.referenceExists', { name: input.name });
    }
    const item = { id: randomUUID(), kind: input.kind, name: input.name, active: true };
    ctx.change({ action: 'reference.created', entityType: input.kind, entityId: item.id }, (tx) => tx.insert(referenceItems).values(item).run());
    return item;
  },

  'reference.update': (input, ctx) => {
    const item = ctx.db.select().from(referenceItems).where(eq(referenceItems.id, input.id)).get();
    if (!item) throw apiError('NOT_FOUND', 'No such list entry.', 'errors.notFound');
    const patch = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.active !== undefined ? { active: input.active } : {}) };
    ctx.change({ action: 'reference.updated', entityType: item.kind, entityId: item.id, details: { active: patch.active ?? item.active } }, (tx) => {
      if (Object.keys(patch).length) tx.update(referenceItems).set(patch).where(eq(referenceItems.id, item.id)).run();
    });
    return { ...item, ...patch };
  },
};
