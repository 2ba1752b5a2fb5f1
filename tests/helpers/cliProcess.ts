import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'electron/node/cli/main.ts');

/** The CLI as a real child process, without a TTY (stdin closed), with only the env we give it. */
export function runCli(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
