import canonicalize from 'canonicalize';
import { HandoverError } from './handoverError';

/** Limits of HANDOVER.md: JSON depth ≤ 32. */
export const MAX_JSON_DEPTH = 32;

/** Canonical JSON (RFC 8785) as bytes: what is signed and hashed. */
export function canonicalBytes(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalised.');
  return Buffer.from(text, 'utf8');
}

function checkShape(value: unknown, name: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw new HandoverError('jsonMalformed', { name, detail: `nested deeper than ${MAX_JSON_DEPTH} levels` });
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) checkShape(item, name, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    // JSON.parse makes "__proto__" an own key; a later spread or merge would turn it into prototype pollution.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new HandoverError('jsonMalformed', { name, detail: `the key "${key}" is not allowed` });
    }
    checkShape((value as Record<string, unknown>)[key], name, depth + 1);
  }
}

/**
 * Parses JSON from an untrusted file and requires it to be canonical: bytes == canonicalize(JSON.parse(bytes)).
 * That single check refuses duplicate keys, odd whitespace, escapes and non-canonical numbers.
 */
export function parseCanonicalJson(bytes: Uint8Array, name: string, maxBytes: number): unknown {
  if (bytes.length > maxBytes) throw new HandoverError('oversize', { what: `${name} is larger than ${maxBytes} bytes` });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new HandoverError('jsonMalformed', { name, detail: 'it starts with a byte-order mark' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HandoverError('jsonMalformed', { name, detail: 'it is not valid UTF-8' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HandoverError('jsonMalformed', { name, detail: 'it is not valid JSON (e.g. NaN, a missing quote or bracket)' });
  }
  checkShape(value, name, 0);
  if (canonicalize(value) !== text) {
    throw new HandoverError('jsonMalformed', { name, detail: 'it is not in canonical form (duplicate keys, extra whitespace or non-canonical numbers)' });
  }
  return value;
}
