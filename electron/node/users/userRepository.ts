import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../store/open';
import { users } from '../store/schema';
import type { Role, SessionUser, User } from '../../../shared/schemas/user';

export function toSessionUser(u: User): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role };
}

export function findUserById(db: Db, id: string): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findActiveUserByUsername(db: Db, username: string): User | undefined {
  return db.select().from(users).where(and(eq(users.username, username), isNull(users.removedAt))).get();
}

export function listUsers(db: Db, includeRemoved: boolean): User[] {
  return db.select().from(users).where(includeRemoved ? undefined : isNull(users.removedAt)).orderBy(asc(users.displayName)).all();
}

export function insertUser(db: Db, u: { id?: string; username: string; displayName: string; role: Role }, now: Date): User {
  const row: User = { ...u, id: u.id ?? randomUUID(), createdAt: now.toISOString(), removedAt: null };
  db.insert(users).values(row).run();
  return row;
}

export function activeAdminCount(db: Db): number {
  return db.select().from(users).where(and(eq(users.role, 'admin'), isNull(users.removedAt))).all().length;
}
