/** Application log: structured, and by rule free of personal data (ids and codes only). */
type Fields = Record<string, string | number | boolean | null>;

function write(level: 'info' | 'warn' | 'error', message: string, fields?: Fields): void {
  if (process.env.THROUGHCARE_QUIET === '1' && level === 'info') return;
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const log = {
  info: (m: string, f?: Fields) => write('info', m, f),
  warn: (m: string, f?: Fields) => write('warn', m, f),
  error: (m: string, f?: Fields) => write('error', m, f),
};
