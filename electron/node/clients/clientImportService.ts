import { randomUUID } from 'node:crypto';
import { eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { clientImportRowSchema } from '../../../shared/api/calls/clientImport';
import type { ClientImportProblem } from '../../../shared/clients/clientImportFile';
import { clientFieldsSchema, type ClientFields } from '../../../shared/schemas/client';
import type { WriteContext } from '../api/context';
import { CARE_TEAM_ROLES } from '../../../shared/schemas/careTeam';
import { insertCareTeamMember } from '../careTeam/careTeamRepository';
import { clients, referenceItems, users } from '../store/schema';
import { insertClient } from './clientRepository';

type Row = z.output<typeof clientImportRowSchema>;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Checks every row, then registers all of them in one transaction, or none. Codes must be new (in the database and
 * within the file); the worker is an active staff member's username, team members active caseworkers' or clinicians'
 * (as on screen); the prison is matched by name. The care team is stored with the client, in the same transaction.
 */
export function importClients(ctx: WriteContext, rows: Row[], dryRun: boolean): { imported: number; codes: string[]; problems: ClientImportProblem[] } {
  const problems: ClientImportProblem[] = [];
  const staff = new Map(
    ctx.db.select({ id: users.id, username: users.username, role: users.role }).from(users).where(isNull(users.removedAt)).all()
      .filter((u) => u.role !== 'evaluator')
      .map((u) => [u.username.toLowerCase(), { id: u.id, role: u.role }]),
  );
  const prisons = new Map(ctx.db.select({ id: referenceItems.id, name: referenceItems.name }).from(referenceItems).where(eq(referenceItems.kind, 'prison')).all().map((p) => [fold(p.name), p.id]));
  const codes = rows.map((r) => r.code.toUpperCase()).filter(Boolean);
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const c of ctx.db.select({ code: clients.code }).from(clients).where(inArray(clients.code, codes.slice(i, i + 500))).all()) taken.add(c.code);
  }
  const firstLineOf = new Map<string, number>();
  const ready: { fields: ClientFields; team: string[] }[] = [];

  for (const row of rows) {
    const problem = (key: ClientImportProblem['key'], params: Record<string, string> = {}) => problems.push({ line: row.line, key, params });
    const before = problems.length;
    const code = row.code.toUpperCase();
    if (code && taken.has(code)) problem('codeTaken', { value: code });
    const seen = code ? firstLineOf.get(code) : undefined;
    if (seen !== undefined) problem('codeTwice', { value: code, other: String(seen) });
    else if (code) firstLineOf.set(code, row.line);
    const workerId = staff.get(row.worker.toLowerCase())?.id;
    if (!workerId) problem('unknownWorker', { value: row.worker });
    const prisonId = row.prison ? prisons.get(fold(row.prison)) : null;
    if (row.prison && !prisonId) problem('unknownPrison', { value: row.prison });
    const team = new Set<string>();
    for (const member of row.team) {
      const user = staff.get(member.toLowerCase());
      if (!user || !(CARE_TEAM_ROLES as readonly string[]).includes(user.role)) problem('unknownTeamMember', { value: member });
      else if (user.id !== workerId) team.add(user.id); // the responsible worker is not also a member
    }
    if (problems.length > before) continue;
    // The same schema and date rules as a client registered on screen.
    const parsed = clientFieldsSchema.safeParse({
      code,
      firstName: row.firstName,
      lastName: row.lastName,
      dateOfBirth: row.dateOfBirth,
      sex: row.sex,
      prisonId: prisonId ?? null,
      earliestRelease: row.earliestRelease,
      assignedWorkerId: workerId,
      status: 'intake',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      if (issue.code === 'custom') problem('dates', { detail: issue.message });
      else if (field === 'code') problem('badCode', { value: row.code });
      else problem('required', { field });
      continue;
    }
    ready.push({ fields: parsed.data, team: [...team] });
  }

  if (problems.length || dryRun) return { imported: 0, codes: [], problems };
  ctx.change({ action: 'client.imported', details: { count: ready.length } }, (tx) => {
    for (const { fields, team } of ready) {
      const clientId = insertClient(tx, fields, ctx.now, randomUUID());
      for (const userId of team) insertCareTeamMember(tx, clientId, userId, ctx.user.id, ctx.now);
    }
  });
  return { imported: ready.length, codes: ready.map((r) => r.fields.code), problems: [] };
}

