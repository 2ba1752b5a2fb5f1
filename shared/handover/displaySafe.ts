/**
 * Text that comes from a file (entry names, client and sender names, labels, notes) is shown in terminals and on
 * screens. Control characters could paint over a terminal (ESC sequences: a fake green "OK"), bidirectional
 * controls could reorder what is read ("gpj.exe" shown as "exe.jpg"). One function neutralises both, for the CLI and
 * the UI alike; names holding NUL or a bidi override are refused at import altogether (`unsafeTextPath`).
 */

// C0 controls, DEL, C1 controls: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi marks, embeddings, overrides and isolates; line and paragraph separators; the Arabic letter mark.
const BIDI_AND_SEPARATORS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** Refused anywhere in a handover's signed text: NUL and the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000\u202a-\u202e\u2066-\u2069]/;

/**
 * Returns `text` with every control and bidi character replaced by a visible stand-in: C0 controls by their Unicode
 * "control picture" (ESC → ␛, NUL → ␀), the rest by U+FFFD. With `multiline`, line feeds and tabs stay (notes).
 */
export function displaySafe(text: string, opts: { multiline?: boolean } = {}): string {
  return text
    .replace(CONTROL, (ch) => {
      const code = ch.charCodeAt(0);
      if (opts.multiline && (ch === '\n' || ch === '\t')) return ch;
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? '\u2421' : '\ufffd';
    })
    .replace(BIDI_AND_SEPARATORS, '\ufffd');
}

/** The path of the first string (key or value) in `value` that holds NUL or a bidi override, or null. */
export function unsafeTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return REFUSED.test(value) ? path || '(root)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const here = path ? `${path}.${displaySafe(key)}` : displaySafe(key);
      if (REFUSED.test(key)) return here;
      const found = unsafeTextPath(v, here);
      if (found) return found;
    }
  }
  return null;
}
