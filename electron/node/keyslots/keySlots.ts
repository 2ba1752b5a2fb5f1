import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { runJob } from '../jobs/jobPool';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { StoreError } from '../store/errors';

/**
 * The key-slot file (like LUKS): the random data key that encrypts the database, wrapped once per user
 * password (Argon2id) and once under the recovery key. Changing a password rewrites one slot, never the database.
 *
 * Each slot is authenticated on its own (AES-GCM with the slot's parameters as associated data), so damage
 * outside the slot in use never refuses a valid secret. The whole-file MAC (keyed from the data key) only tells
 * the backend, after unlocking, whether the file needs repair from the authoritative copy inside the database.
 */

/** Refused on read when weaker: an attacker must not be able to downgrade a slot to cheap parameters. */
export const ARGON2_MIN = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
/** Refused on read when stronger: a tampered file must not make us allocate or spin without bound (issue 10 item 8). */
export const ARGON2_MAX = { memoryKiB: 1024 * 1024, iterations: 10, parallelism: 16 } as const;
export const ARGON2_DEFAULT = { ...ARGON2_MIN };

/**
 * Test suites may create installations with cheap Argon2id, but only when this variable is set AND the file
 * carries `testOnly: true`: a production file never has the marker, so the variable alone changes nothing.
 */
export const TEST_KDF_ENV = 'THROUGHCARE_TEST_FAST_KDF';
const ARGON2_TEST = { memoryKiB: 256, iterations: 1, parallelism: 1 } as const;
function testKdfRequested(): boolean {
  return process.env[TEST_KDF_ENV] === '1';
}

const b64 = z.string().max(256).regex(/^[A-Za-z0-9+/]+=*$/);
const kdfSchema = z.discriminatedUnion('alg', [
  z.object({ alg: z.literal('argon2id'), memoryKiB: z.number().int(), iterations: z.number().int(), parallelism: z.number().int(), salt: b64 }).strict(),
  z.object({ alg: z.literal('hkdf-sha256'), salt: b64 }).strict(),
]);
export const keySlotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['password', 'recovery']),
    /** SHA-256 of database id + username, so the right slot is found without trying every Argon2id. */
    lookup: z.string().max(64).nullable(),
    userId: z.string().max(64).nullable(),
    kdf: kdfSchema,
    nonce: b64,
    wrapped: b64,
  })
  .strict();
export type KeySlot = z.infer<typeof keySlotSchema>;

const installationSchema = z.object({ organisation: z.string().max(500), workstation: z.string().max(500) }).strict();
export const auditAnchorSchema = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
/** The audit chain's head as last seen by a clean lock or close, recorded outside the database (see backend). */
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** What the database keeps as the authoritative copy: everything but the anchor and the MAC. */
export const keySlotContentSchema = z
  .object({
    databaseId: z.string().uuid(),
    /** Grows by one with every change of slots or installation names; a smaller one outside is a stale file. */
    generation: z.number().int().min(0),
    installation: installationSchema,
    slots: z.array(keySlotSchema).max(1000),
    testOnly: z.literal(true).optional(),
  })
  .strict();
export type KeySlotContent = z.infer<typeof keySlotContentSchema>;

const fileV1Schema = z
  .object({
    type: z.literal('throughcare/keyslots'),
    version: z.literal(1),
    databaseId: z.string().uuid(),
    installation: installationSchema,
    slots: z.array(keySlotSchema).max(1000),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export const keySlotFileSchema = keySlotContentSchema
  .extend({
    type: z.literal('throughcare/keyslots'),
    version: z.literal(2),
    anchor: auditAnchorSchema.nullable(),
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

/** Bounds first, before any memory is allocated for a derivation. */
export function checkKdfBounds(kdf: KeySlot['kdf'], fileIsTestOnly: boolean): void {
  if (kdf.alg !== 'argon2id') return;
  if (kdf.memoryKiB > ARGON2_MAX.memoryKiB || kdf.iterations > ARGON2_MAX.iterations || kdf.parallelism > ARGON2_MAX.parallelism || kdf.parallelism < 1) {
    throw new StoreError('kdfOutOfBounds', 'A key slot asks for Argon2id parameters beyond the allowed maximum; the key-slot file has been altered.');
  }
  const weak = kdf.memoryKiB < ARGON2_MIN.memoryKiB || kdf.iterations < ARGON2_MIN.iterations;
  if (weak && !(fileIsTestOnly && testKdfRequested() && kdf.memoryKiB >= ARGON2_TEST.memoryKiB && kdf.iterations >= ARGON2_TEST.iterations)) {
    throw new StoreError('weakParameters', 'A key slot uses weaker Argon2id parameters than allowed; the key-slot file has been altered.');
  }
}

async function deriveWrapKey(kdf: KeySlot['kdf'], secret: Buffer, fileIsTestOnly: boolean): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.alg === 'hkdf-sha256') return Buffer.from(hkdfSync('sha256', secret, salt, 'throughcare recovery slot', 32));
  checkKdfBounds(kdf, fileIsTestOnly);
  // In the worker pool: other calls keep being served during the second or so this takes.
  const out = await runJob('argon2id', { password: secret, salt, iterations: kdf.iterations, memoryKiB: kdf.memoryKiB, parallelism: kdf.parallelism, hashLength: 32 });
  return Buffer.from(out);
}

async function wrap(databaseId: string, base: Omit<KeySlot, 'nonce' | 'wrapped'>, secret: Buffer, dataKey: Buffer, testOnly: boolean): Promise<KeySlot> {
  const key = await deriveWrapKey(base.kdf, secret, testOnly);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(slotAad(databaseId, base));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { ...base, nonce: nonce.toString('base64'), wrapped: wrapped.toString('base64') };
}

/** Returns the data key, or null when the secret does not open this slot (or the slot was altered). */
async function unwrap(databaseId: string, slot: KeySlot, secret: Buffer, testOnly: boolean): Promise<Buffer | null> {
  const key = await deriveWrapKey(slot.kdf, secret, testOnly);
  const raw = Buffer.from(slot.wrapped, 'base64');
  const nonce = Buffer.from(slot.nonce, 'base64');
  if (raw.length !== 48 || nonce.length !== 12) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
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

function computeMac(file: KeySlotFile | z.infer<typeof fileV1Schema>, dataKey: Buffer): string {
  const { mac: _mac, ...covered } = file;
  return createHmac('sha256', macKey(dataKey)).update(canonicalize(covered) ?? '').digest('hex');
}

/** True when the whole file (slots, names, generation, anchor) is exactly as written by someone with the key. */
export function macIsValid(file: KeySlotFile, dataKey: Buffer): boolean {
  const covered = (file as KeySlotFile & { v1?: boolean }).v1
    ? { type: file.type, version: 1 as const, databaseId: file.databaseId, installation: file.installation, slots: file.slots, mac: file.mac }
    : file;
  const expected = Buffer.from(computeMac(covered, dataKey), 'hex');
  const actual = Buffer.from(file.mac, 'hex');
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}

export function verifyMac(file: KeySlotFile, dataKey: Buffer): void {
  if (!macIsValid(file, dataKey)) throw new StoreError('keySlotsTampered', 'The key-slot file has been altered: its integrity check failed.');
}

/** The file to write: the authoritative content, the anchor, and a MAC over both. */
export function sealKeySlotFile(content: KeySlotContent, anchor: AuditAnchor | null, dataKey: Buffer): KeySlotFile {
  const file: KeySlotFile = { type: 'throughcare/keyslots', version: 2, ...content, anchor, mac: '0'.repeat(64) };
  return { ...file, mac: computeMac(file, dataKey) };
}

export function contentOf(file: KeySlotFile): KeySlotContent {
  const { databaseId, generation, installation, slots, testOnly } = file;
  return { databaseId, generation, installation, slots, ...(testOnly ? { testOnly } : {}) };
}

export function newKeySlotContent(installation: KeySlotContent['installation']): { content: KeySlotContent; dataKey: Buffer } {
  const dataKey = randomBytes(32);
  const content: KeySlotContent = { databaseId: randomUUID(), generation: 1, installation, slots: [], ...(testKdfRequested() ? { testOnly: true as const } : {}) };
  return { content, dataKey };
}

/** Argon2id is the slow part: derive the new slot first, then merge it synchronously with `withSlot`. */
export async function newPasswordSlot(content: KeySlotContent, dataKey: Buffer, user: { id: string; username: string }, password: string): Promise<KeySlot> {
  const params = content.testOnly && testKdfRequested() ? ARGON2_TEST : ARGON2_DEFAULT;
  const base = {
    id: randomUUID(),
    kind: 'password' as const,
    lookup: lookupFor(content.databaseId, user.username),
    userId: user.id,
    kdf: { alg: 'argon2id' as const, ...params, salt: randomBytes(16).toString('base64') },
  };
  return wrap(content.databaseId, base, Buffer.from(password.normalize('NFC'), 'utf8'), dataKey, content.testOnly === true);
}

export async function newRecoverySlot(content: KeySlotContent, dataKey: Buffer, recoverySecret: Buffer): Promise<KeySlot> {
  const base = { id: randomUUID(), kind: 'recovery' as const, lookup: null, userId: null, kdf: { alg: 'hkdf-sha256' as const, salt: randomBytes(16).toString('base64') } };
  return wrap(content.databaseId, base, recoverySecret, dataKey, false);
}

/** A user has one password slot and the installation one recovery slot: the new one replaces theirs. */
export function withSlot(content: KeySlotContent, slot: KeySlot): KeySlotContent {
  const others = content.slots.filter((s) => (slot.kind === 'recovery' ? s.kind !== 'recovery' : s.userId !== slot.userId));
  return { ...content, slots: [...others, slot] };
}

export function withoutUserSlot(content: KeySlotContent, userId: string): KeySlotContent {
  return { ...content, slots: content.slots.filter((s) => s.userId !== userId) };
}

export function withInstallation(content: KeySlotContent, installation: KeySlotContent['installation']): KeySlotContent {
  return { ...content, installation };
}

export function sameSlot(a: KeySlot, b: KeySlot): boolean {
  return canonicalize(a) === canonicalize(b);
}

export interface Unwrapped {
  dataKey: Buffer;
  /** The slot that opened, so the backend can check that the database still knows it. */
  slot: KeySlot;
  /** Which of the candidate files it came from. */
  file: KeySlotFile;
}

/**
 * Tries the slot for this secret in each candidate file (the current file, then the previous generation):
 * a slot damaged in one copy is found intact in the other. Each distinct slot is derived once.
 * Null when no slot opens; a parameter refusal is thrown only when nothing opened.
 */
async function unlockAny(files: KeySlotFile[], pick: (file: KeySlotFile) => KeySlot | undefined, secret: Buffer): Promise<Unwrapped | 'noSlot' | null> {
  const tried: KeySlot[] = [];
  let refusal: unknown = null;
  for (const file of files) {
    const slot = pick(file);
    if (!slot || tried.some((t) => sameSlot(t, slot))) continue;
    tried.push(slot);
    try {
      const dataKey = await unwrap(file.databaseId, slot, secret, file.testOnly === true);
      if (dataKey) return { dataKey, slot, file };
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      refusal ??= e;
    }
  }
  if (refusal) throw refusal;
  return tried.length ? null : 'noSlot';
}

/** Password unlock: null when the username has no slot or the password is wrong (the caller cannot tell which). */
export async function unlockWithPassword(files: KeySlotFile | KeySlotFile[], username: string, password: string): Promise<(Unwrapped & { userId: string }) | null> {
  const list = Array.isArray(files) ? files : [files];
  const secret = Buffer.from(password.normalize('NFC'), 'utf8');
  const found = await unlockAny(list, (f) => f.slots.find((s) => s.kind === 'password' && s.userId && s.lookup === lookupFor(f.databaseId, username)), secret);
  if (found === 'noSlot') {
    // Spend the same Argon2id time so that a missing username is not distinguishable by timing.
    const testOnly = list.some((f) => f.testOnly === true) && testKdfRequested();
    await deriveWrapKey({ alg: 'argon2id', ...(testOnly ? ARGON2_TEST : ARGON2_DEFAULT), salt: randomBytes(16).toString('base64') }, secret, testOnly);
    return null;
  }
  return found && { ...found, userId: found.slot.userId! };
}

export async function unlockWithRecovery(files: KeySlotFile | KeySlotFile[], recoverySecret: Buffer): Promise<Unwrapped | null> {
  const found = await unlockAny(Array.isArray(files) ? files : [files], (f) => f.slots.find((s) => s.kind === 'recovery'), recoverySecret);
  return found === 'noSlot' ? null : found;
}

/**
 * Reads a key-slot file's text as far as it can be trusted: a file that passes the schema is returned whole;
 * otherwise the slots that still pass are kept (each is authenticated on its own at unwrap) and the MAC is
 * voided so that the backend repairs the file after unlocking. Null when nothing usable is left.
 */
export function parseKeySlotText(text: string): { file: KeySlotFile; intact: boolean } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const v2 = keySlotFileSchema.safeParse(raw);
  if (v2.success) return { file: v2.data, intact: true };
  const v1 = fileV1Schema.safeParse(raw);
  if (v1.success) {
    // Version 1 (before generations and anchors): its MAC covered the v1 fields; keep it checkable.
    return { file: { ...v1.data, version: 2, generation: 0, anchor: null, mac: v1.data.mac, v1: true } as KeySlotFile, intact: true };
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const obj = raw as Record<string, unknown>;
  const databaseId = z.string().uuid().safeParse(obj.databaseId);
  if (!databaseId.success) return null;
  const slots = Array.isArray(obj.slots) ? obj.slots.flatMap((s) => {
    const r = keySlotSchema.safeParse(s);
    return r.success ? [r.data] : [];
  }) : [];
  if (!slots.length) return null;
  const installation = installationSchema.safeParse(obj.installation);
  const generation = z.number().int().min(0).safeParse(obj.generation);
  return {
    file: {
      type: 'throughcare/keyslots',
      version: 2,
      databaseId: databaseId.data,
      generation: generation.success ? generation.data : 0,
      installation: installation.success ? installation.data : { organisation: '', workstation: '' },
      slots,
      ...(obj.testOnly === true ? { testOnly: true as const } : {}),
      anchor: null,
      mac: 'f'.repeat(64),
    },
    intact: false,
  };
}
