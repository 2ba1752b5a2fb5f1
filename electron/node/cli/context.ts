import type { Command } from 'commander';
import type { Backend } from '../backend';
import type { CallName, InputOf, OutputOf, ApiErrorPayload } from '../../../shared/api';

/**
 * Shared plumbing of the headless CLI. Every command reaches the data through the same `Backend.invoke`
 * dispatcher as the Electron IPC and the loopback bridge: there is no second path to the database.
 */

/** A failure the CLI reports as one line on stderr and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly payload?: ApiErrorPayload,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface GlobalOptions {
  json?: boolean;
}

/** Options of the command plus the program-wide ones (`--json`). */
export function optionsOf<T extends object>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals<T & GlobalOptions>();
}

/** Adds the `--data DIR` option every command that touches an installation needs. */
export function dataOption(cmd: Command): Command {
  return cmd.requiredOption('--data <dir>', 'data folder of the installation (database and key-slot file)');
}

/** Writes the result: JSON on stdout with `--json`, otherwise the human-readable lines. */
export function output(opts: GlobalOptions, value: unknown, human: () => string | string[]): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const text = human();
  process.stdout.write(`${Array.isArray(text) ? text.join('\n') : text}\n`);
}

/** Runs `fn` with a backend on `dataDir` and always closes it (locking the session first, which is audited). */
export async function withBackend<T>(dataDir: string, fn: (backend: Backend) => Promise<T>): Promise<T> {
  // Loaded on first use: `--help` and usage errors never parse the backend (the bundle's big chunk).
  const { createBackend } = await import('../backend');
  // Takes the folder lock: a second program on the same folder is refused here, in one line.
  let backend: Backend;
  try {
    backend = createBackend({ dataDir, program: `CLI (${process.argv.slice(2).filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')})` });
  } catch (e) {
    // Folder in use, read-only, disk full: the backend's own sentence is the one line.
    if ((e as Error)?.name === 'StoreError') throw new CliError((e as Error).message);
    throw e;
  }
  try {
    return await fn(backend);
  } finally {
    if (backend.session?.user) await backend.invoke('session.lock', { reason: 'user' });
    backend.close();
  }
}

/** One call through the dispatcher; an error result becomes a CliError carrying the backend's message. */
export async function call<N extends CallName>(backend: Backend, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await backend.invoke(name, input);
  if (!result.ok) throw new CliError(oneLine(describeError(result.error)), 1, result.error);
  return result.value as OutputOf<N>;
}

function describeError(error: ApiErrorPayload): string {
  if (error.code === 'VALIDATION' && error.issues?.length) {
    return `${error.message} ${error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`;
  }
  return error.message;
}

/** The option value when it is one of `values` (the backend validates again through the contract), else null. */
export function oneOf<T extends string>(values: readonly T[], value: string): T | null {
  return (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Secrets come from the environment, or from a prompt without echo when we are on a terminal. */
export async function secretFromEnvOrPrompt(envName: string, prompt: string, opts: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(`No password given: set ${envName} or run this command in a terminal to be asked for it.`);
  }
  const first = await promptHidden(prompt);
  if (opts.confirm) {
    const second = await promptHidden('Repeat the password: ');
    if (first !== second) throw new CliError('The two passwords differ; nothing was changed.');
  }
  return first;
}

/** Reads one line from the TTY in raw mode without echoing it. */
export function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    const finish = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new CliError('Cancelled.', 130));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * Logs in for commands that need a session: THROUGHCARE_ADMIN_USER (default `admin`) and
 * THROUGHCARE_PASSWORD, or a password prompt on a terminal.
 */
export async function loginFromEnv(backend: Backend): Promise<OutputOf<'session.login'>['user']> {
  const state = (await call(backend, 'app.status', {})).state;
  if (state === 'uninitialized') {
    throw new CliError(`There is no installation in ${backend.dataDir}. Run \`init\` first.`);
  }
  const username = process.env.THROUGHCARE_ADMIN_USER || 'admin';
  const password = await secretFromEnvOrPrompt('THROUGHCARE_PASSWORD', `Password for ${username}: `);
  const login = await call(backend, 'session.login', { username, password });
  if (login.auditAnchor.state === 'lost') {
    process.stderr.write(`Warning: the database is missing its last ${login.auditAnchor.missing} acknowledged audit entries; restore the latest backup.\n`);
  } else if (login.auditAnchor.state === 'replaced') {
    process.stderr.write('Warning: the audit history differs from the one recorded at the last lock; restore the latest backup.\n');
  }
  return login.user;
}
