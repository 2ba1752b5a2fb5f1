import { Decrypter, Encrypter, armor } from 'age-encryption';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HandoverError } from './handoverError';

/**
 * The outer layer: one age v1 file (HANDOVER.md "Layers"). Header pre-checks run before any decryption, the whole
 * payload is decrypted before anything acts on it (age detects truncation only at the end).
 */

export const AGE_LIMITS = {
  maxFileBytes: 256 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxStanzas: 10,
  /** Our own work factor + 1: more only makes a wrong passphrase take minutes and gigabytes to say so. */
  maxScryptLogN: 19,
} as const;
/** Work factor for the first-contact passphrase: age's default, about a second on an office PC. */
export const PASSPHRASE_SCRYPT_LOG_N = 18;
/** age encrypts in 64 KiB chunks plus a 16-byte tag; the archive inside is padded to whole chunks. */
export const AGE_CHUNK_PLAINTEXT = 64 * 1024;
const AGE_CHUNK_CIPHERTEXT = AGE_CHUNK_PLAINTEXT + 16;
const AGE_NONCE = 16;

const MAGIC = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

export type StanzaKind = 'X25519' | 'mlkem768x25519' | 'scrypt' | 'other';
export interface AgeHeaderSummary {
  stanzas: StanzaKind[];
  headerLength: number;
  isPassphrase: boolean;
}

/** Strict armor is accepted on import; everything else must be the binary format. */
function dearmor(bytes: Uint8Array): Uint8Array {
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, ARMOR_BEGIN.length));
  if (start !== ARMOR_BEGIN) return bytes;
  try {
    return armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HandoverError('damaged');
  }
}

/** Steps 1–2 of the import pipeline: size cap, magic bytes, header shape, stanza count and kinds, scrypt work factor. */
export function precheckAgeFile(input: Uint8Array): { binary: Uint8Array; header: AgeHeaderSummary } {
  if (input.length > AGE_LIMITS.maxFileBytes) throw new HandoverError('tooLarge', { limit: '256 MiB' });
  const binary = dearmor(input);
  const magic = new TextDecoder('latin1').decode(binary.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new HandoverError('notHandoverFile');
  const headEnd = Math.min(binary.length, AGE_LIMITS.maxHeaderBytes);
  const head = new TextDecoder('latin1').decode(binary.subarray(0, headEnd));
  const macAt = head.indexOf('\n--- ');
  const macEnd = macAt < 0 ? -1 : head.indexOf('\n', macAt + 1);
  if (macAt < 0 || macEnd < 0) {
    throw binary.length < AGE_LIMITS.maxHeaderBytes ? new HandoverError('incomplete') : new HandoverError('oversize', { what: 'the encryption header is longer than 64 KiB' });
  }
  const lines = head.slice(MAGIC.length, macAt + 1).split('\n');
  const stanzas: StanzaKind[] = [];
  for (const line of lines) {
    if (!line.startsWith('-> ')) continue;
    const args = line.slice(3).split(' ');
    const kind: StanzaKind = args[0] === 'X25519' || args[0] === 'mlkem768x25519' || args[0] === 'scrypt' ? args[0] : 'other';
    if (kind === 'scrypt') {
      const logN = Number(args[2]);
      if (!/^[1-9][0-9]?$/.test(args[2] ?? '')) throw new HandoverError('headerInvalid');
      if (logN > AGE_LIMITS.maxScryptLogN) throw new HandoverError('scryptTooHard', { logN });
    }
    stanzas.push(kind);
  }
  if (stanzas.length === 0) throw new HandoverError('headerInvalid');
  if (stanzas.length > AGE_LIMITS.maxStanzas) throw new HandoverError('tooManyRecipients', { limit: AGE_LIMITS.maxStanzas });
  const isPassphrase = stanzas.includes('scrypt');
  if (isPassphrase && stanzas.length > 1) throw new HandoverError('scryptMixed');
  if (stanzas.includes('X25519') && stanzas.includes('mlkem768x25519')) throw new HandoverError('stanzasMixed');
  const headerLength = macEnd + 1;
  // Padding to whole chunks is ours to write, not to require: any valid age payload is accepted (a cut-off one fails
  // to decrypt, and decryptAge tells "incomplete" from "damaged").
  const payloadLength = binary.length - headerLength - AGE_NONCE;
  if (payloadLength <= 0) throw new HandoverError('incomplete');
  return { binary, header: { stanzas, headerLength, isPassphrase } };
}

export type AgeAddressing = { recipients: string[] } | { passphrase: string };

export async function encryptAge(plaintext: Uint8Array, to: AgeAddressing): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if ('passphrase' in to) {
    encrypter.setPassphrase(to.passphrase);
    encrypter.setScryptWorkFactor(PASSPHRASE_SCRYPT_LOG_N);
  } else {
    if (to.recipients.length === 0 || to.recipients.length > AGE_LIMITS.maxStanzas) throw new HandoverError('tooManyRecipients', { limit: AGE_LIMITS.maxStanzas });
    for (const r of to.recipients) encrypter.addRecipient(r);
  }
  return encrypter.encrypt(plaintext);
}

export interface AgeKeys {
  /** `AGE-SECRET-KEY-…` identities of every one of my identities. */
  identities: string[];
  passphrase?: string | undefined;
}

/** Feeds a buffer to age in chunk-sized views (no copies), so that decryption streams. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.length, at + AGE_CHUNK_CIPHERTEXT);
      controller.enqueue(bytes.subarray(at, end));
      at = end;
    },
  });
}

/**
 * Step 3: decrypts completely before anything acts on the content, streaming chunk by chunk into one buffer of the
 * announced plaintext size (age's one-shot API collects the chunks and then copies them: three times the file).
 * Maps age's failures to the user's words (not addressed to you, damaged, incomplete, …).
 */
export async function decryptAge(binary: Uint8Array, header: AgeHeaderSummary, keys: AgeKeys): Promise<Buffer> {
  const decrypter = new Decrypter();
  if (header.isPassphrase) {
    if (!keys.passphrase) throw new HandoverError('passphraseNeeded');
    decrypter.addPassphrase(keys.passphrase);
  } else {
    for (const identity of keys.identities) decrypter.addIdentity(identity);
  }
  try {
    const out = await decrypter.decrypt(streamOf(binary));
    const plaintext = Buffer.allocUnsafe(out.size(binary.length));
    const reader = out.getReader();
    let filled = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > plaintext.length) throw new Error('size is invalid');
      plaintext.set(value, filled);
      filled += value.length;
    }
    if (filled !== plaintext.length) throw new Error('stream ended');
    return plaintext;
  } catch (e) {
    if (e instanceof HandoverError) throw e;
    const message = (e as Error)?.message ?? '';
    if (message.includes('no identity matched')) throw new HandoverError(header.isPassphrase ? 'passphraseWrong' : 'notAddressedToYou');
    if (message.includes('scrypt work factor')) throw new HandoverError('scryptTooHard', { logN: AGE_LIMITS.maxScryptLogN + 1 });
    if (message.includes('stream ended') || message.includes('ciphertext is too small') || message.includes('size is invalid') || message.includes('final chunk is empty')) throw new HandoverError('incomplete');
    if (await failureIsTruncation(decrypter, binary, header)) throw new HandoverError('incomplete');
    throw new HandoverError('damaged');
  }
}

/**
 * After a failed decryption, tells a cut-off file from an altered one, re-checking chunk by chunk (age's STREAM:
 * HKDF-SHA-256 of the file key, ChaCha20-Poly1305, 11-byte big-endian counter + final flag; the audited noble
 * primitives, used for this diagnosis only). Every chunk but the last must authenticate as an ordinary chunk, or the
 * file was altered. Then a full last chunk that authenticates as ordinary means the file was cut exactly at a chunk
 * boundary; a short last chunk that fails means it was cut inside a chunk (or, for a file we did not pad, its last
 * chunk was altered: "copy it again" is the right advice for both).
 */
async function failureIsTruncation(decrypter: Decrypter, binary: Uint8Array, header: AgeHeaderSummary): Promise<boolean> {
  const payload = binary.subarray(header.headerLength + AGE_NONCE);
  if (payload.length === 0) return true;
  try {
    const fileKey = await decrypter.decryptHeader(binary.subarray(0, header.headerLength));
    const nonce = binary.subarray(header.headerLength, header.headerLength + AGE_NONCE);
    const streamKey = hkdf(sha256, fileKey, nonce, new TextEncoder().encode('payload'), 32);
    const opens = (index: number) => {
      const chunkNonce = new Uint8Array(12);
      new DataView(chunkNonce.buffer).setUint32(7, index); // byte 11, the final flag, stays 0
      try {
        chacha20poly1305(streamKey, chunkNonce).decrypt(payload.subarray(index * AGE_CHUNK_CIPHERTEXT, (index + 1) * AGE_CHUNK_CIPHERTEXT));
        return true;
      } catch {
        return false;
      }
    };
    const chunks = Math.ceil(payload.length / AGE_CHUNK_CIPHERTEXT);
    for (let i = 0; i < chunks - 1; i++) if (!opens(i)) return false;
    const lastIsFull = payload.length % AGE_CHUNK_CIPHERTEXT === 0;
    return lastIsFull ? opens(chunks - 1) : true;
  } catch {
    return false;
  }
}
