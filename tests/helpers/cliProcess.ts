import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The bundle that `npm ci` (prepare) and vitest's global setup (tests/helpers/buildBundles.ts) build. */
const CLI = path.join(ROOT, 'dist/cli/throughcare.mjs');

/** The CLI as a real child process run with plain node, without a TTY (stdin closed), with only the env we give it. */
export function runCli(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
