import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { runJob } from '../jobs/jobPool';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { StoreError } from '../store/errors';

/**
 * The key-slot file (like LUKS): the random data key that encrypts the database, wrapped once per user
 * password (Argon2id) and once under the recovery key. Changing a password rewrites one slot, never the database.
 */

/** Refused on read when weaker: an attacker must not be able to downgrade a slot to cheap parameters. */
export const ARGON2_MIN = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const ARGON2_DEFAULT = { ...ARGON2_MIN };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const kdfSchema = z.discriminatedUnion('alg', [
  z.object({ alg: z.literal('argon2id'), memoryKiB: z.number().int(), iterations: z.number().int(), parallelism: z.number().int(), salt: b64 }).strict(),
  z.object({ alg: z.literal('hkdf-sha256'), salt: b64 }).strict(),
]);
const slotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['password', 'recovery']),
    /** SHA-256 of database id + username, so the right slot is found without trying every Argon2id. */
    lookup: z.string().nullable(),
    userId: z.string().nullable(),
    kdf: kdfSchema,
    nonce: b64,
    wrapped: b64,
  })
  .strict();
export type KeySlot = z.infer<typeof slotSchema>;

export const keySlotFileSchema = z
  .object({
    type: z.literal('throughcare/keyslots'),
    version: z.literal(1),
    databaseId: z.string().uuid(),
    installation: z.object({ organisation: z.string(), workstation: z.string() }).strict(),
    slots: z.array(slotSchema).max(1000),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type KeySlotFile = z.infer<typeof keySlotFileSchema>;

export const KEY_SLOT_FILE_NAME = 'throughcare.keys.json';

export function lookupFor(databaseId: string, username: string): string {
  return createHash('sha256').update(`throughcare-user\0${databaseId}\0${username.toLowerCase()}`).digest('hex');
}

function slotAad(databaseId: string, slot: Omit<KeySlot, 'nonce' | 'wrapped'>): Buffer {
  return Buffer.from(canonicalize({ databaseId, id: slot.id, kind: slot.kind, lookup: slot.lookup, userId: slot.userId, kdf: slot.kdf }) ?? '');
}

async function deriveWrapKey(kdf: KeySlot['kdf'], secret: Buffer): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.alg === 'hkdf-sha256') return Buffer.from(hkdfSync('sha256', secret, salt, 'throughcare recovery slot', 32));
  if (kdf.memoryKiB < ARGON2_MIN.memoryKiB || kdf.iterations < ARGON2_MIN.iterations || kdf.parallelism < 1) {
    throw new StoreError('weakParameters', 'A key slot uses weaker Argon2id parameters than allowed; the key-slot file has been altered.');
  }
  // In the worker pool: other calls keep being served during the second or so this takes.
  const out = await runJob('argon2id', { password: secret, salt, iterations: kdf.iterations, memoryKiB: kdf.memoryKiB, parallelism: kdf.parallelism, hashLength: 32 });
  return Buffer.from(out);
}

async function wrap(databaseId: string, base: Omit<KeySlot, 'nonce' | 'wrapped'>, secret: Buffer, dataKey: Buffer): Promise<KeySlot> {
  const key = await deriveWrapKey(base.kdf, secret);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(slotAad(databaseId, base));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { ...base, nonce: nonce.toString('base64'), wrapped: wrapped.toString('base64') };
}

/** Returns the data key, or null when the secret does not open this slot. */
async function unwrap(databaseId: string, slot: KeySlot, secret: Buffer): Promise<Buffer | null> {
  const key = await deriveWrapKey(slot.kdf, secret);
  const raw = Buffer.from(slot.wrapped, 'base64');
  if (raw.length !== 48) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(slotAad(databaseId, slot));
    decipher.setAuthTag(raw.subarray(32));
    return Buffer.concat([decipher.update(raw.subarray(0, 32)), decipher.final()]);
  } catch {
    return null;
  }
}

function macKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'throughcare keyslots mac', 32));
}

function computeMac(file: Omit<KeySlotFile, 'mac'>, dataKey: Buffer): string {
  const { type, version, databaseId, installation, slots } = file;
  return createHmac('sha256', macKey(dataKey))
    .update(canonicalize({ type, version, databaseId, installation, slots }) ?? '')
    .digest('hex');
}

/** After unlocking with any slot: proves no other slot was added, removed or changed by someone without the key. */
export function verifyMac(file: KeySlotFile, dataKey: Buffer): void {
  const expected = Buffer.from(computeMac(file, dataKey), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(file.mac, 'hex'))) {
    throw new StoreError('keySlotsTampered', 'The key-slot file has been altered: its integrity check failed.');
  }
}

export function newKeySlotFile(installation: KeySlotFile['installation']): { file: KeySlotFile; dataKey: Buffer } {
  const dataKey = randomBytes(32);
  const file: KeySlotFile = { type: 'throughcare/keyslots', version: 1, databaseId: randomUUID(), installation, slots: [], mac: '0'.repeat(64) };
  return { file: seal(file, dataKey), dataKey };
}

function seal(file: KeySlotFile, dataKey: Buffer): KeySlotFile {
  return { ...file, mac: computeMac(file, dataKey) };
}

export async function withPasswordSlot(file: KeySlotFile, dataKey: Buffer, user: { id: string; username: string }, password: string): Promise<KeySlotFile> {
  const base = {
    id: randomUUID(),
    kind: 'password' as const,
    lookup: lookupFor(file.databaseId, user.username),
    userId: user.id,
    kdf: { alg: 'argon2id' as const, ...ARGON2_DEFAULT, salt: randomBytes(16).toString('base64') },
  };
  const slot = await wrap(file.databaseId, base, Buffer.from(password.normalize('NFC'), 'utf8'), dataKey);
  const others = file.slots.filter((s) => s.userId !== user.id);
  return seal({ ...file, slots: [...others, slot] }, dataKey);
}

export function withoutUserSlot(file: KeySlotFile, dataKey: Buffer, userId: string): KeySlotFile {
  return seal({ ...file, slots: file.slots.filter((s) => s.userId !== userId) }, dataKey);
}

export function withInstallation(file: KeySlotFile, dataKey: Buffer, installation: KeySlotFile['installation']): KeySlotFile {
  return seal({ ...file, installation }, dataKey);
}

export async function withRecoverySlot(file: KeySlotFile, dataKey: Buffer, recoverySecret: Buffer): Promise<KeySlotFile> {
  const base = { id: randomUUID(), kind: 'recovery' as const, lookup: null, userId: null, kdf: { alg: 'hkdf-sha256' as const, salt: randomBytes(16).toString('base64') } };
  const slot = await wrap(file.databaseId, base, recoverySecret, dataKey);
  return seal({ ...file, slots: [...file.slots.filter((s) => s.kind !== 'recovery'), slot] }, dataKey);
}

/** Password unlock: null when the username has no slot or the password is wrong (the caller cannot tell which). */
export async function unlockWithPassword(file: KeySlotFile, username: string, password: string): Promise<{ dataKey: Buffer; userId: string } | null> {
  const lookup = lookupFor(file.databaseId, username);
  const slot = file.slots.find((s) => s.kind === 'password' && s.lookup === lookup);
  if (!slot || !slot.userId) {
    // Spend the same Argon2id time so that a missing username is not distinguishable by timing.
    await deriveWrapKey({ alg: 'argon2id', ...ARGON2_DEFAULT, salt: randomBytes(16).toString('base64') }, Buffer.from(password));
    return null;
  }
  const dataKey = await unwrap(file.databaseId, slot, Buffer.from(password.normalize('NFC'), 'utf8'));
  if (!dataKey) return null;
  verifyMac(file, dataKey);
  return { dataKey, userId: slot.userId };
}

export async function unlockWithRecovery(file: KeySlotFile, recoverySecret: Buffer): Promise<Buffer | null> {
  const slot = file.slots.find((s) => s.kind === 'recovery');
  if (!slot) return null;
  const dataKey = await unwrap(file.databaseId, slot, recoverySecret);
  if (!dataKey) return null;
  verifyMac(file, dataKey);
  return dataKey;
}

export function readKeySlotFile(filePath: string): KeySlotFile {
  if (!existsSync(filePath)) throw new StoreError('keySlotsMissing', 'The key-slot file is missing; the database cannot be unlocked without it. Restore it from a backup.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch {
    throw new StoreError('keySlotsCorrupt', 'The key-slot file is damaged (not valid JSON). Restore it from a backup.');
  }
  const result = keySlotFileSchema.safeParse(parsed);
  if (!result.success) throw new StoreError('keySlotsCorrupt', 'The key-slot file is damaged or not a Throughcare key-slot file. Restore it from a backup.');
  return result.data;
}

/** Atomic replace: a crash mid-write leaves the old file intact. */
export function writeKeySlotFile(filePath: string, file: KeySlotFile): void {
  const tmp = `${filePath}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(file, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, filePath);
}
