/**
 * A real backend in its own process, for the fault-injection suite: it does one kind of work in a loop and
 * prints a line for every acknowledged result, until the test kills it with SIGKILL.
 * Usage: node dist/test/faultWorker.mjs DATA_DIR OP RUN_ID (bundled by the test setup; from source: node --import tsx tests/faults/faultWorker.ts …)
 */
import { createBackend } from '../../electron/node/backend';
import { USERS } from './faultUsers';

const [dataDir, op, runId] = process.argv.slice(2) as [string, string, string];
process.env.THROUGHCARE_QUIET = '1';
const backend = createBackend({ dataDir, program: `fault worker (${op})` });
const say = (line: string) => process.stdout.write(`${line}\n`); // pipes are written synchronously on Linux

async function call(name: string, input: unknown): Promise<unknown> {
  const r = await backend.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}


if (op === 'hold') {
  say('READY');
  setInterval(() => undefined, 1000);
} else if (op === 'writes') {
  await call('session.login', { username: 'admin', password: USERS.admin });
  say('READY');
  for (let i = 0; ; i++) {
    await call('drafts.save', { formKey: `fault:${runId}:${i}`, data: { i, text: 'Poznámka ze schůzky' } });
    say(`ACK ${i}`);
    if (i % 3 === 0) await call('settings.update', { autoLockMinutes: 5 + (i % 20) });
  }
} else if (op === 'reads') {
  await call('session.login', { username: 'admin', password: USERS.admin });
  say('READY');
  for (;;) {
    await call('audit.verify', {}); // an audited read: one entry per call
    await call('users.list', { includeRemoved: false });
  }
} else if (op === 'logins') {
  say('READY');
  for (let i = 0; ; i++) {
    await call('session.login', i % 2 ? { username: 'admin', password: USERS.admin } : { username: 'jana', password: USERS.jana[Number(runId) % 2] });
    await call('session.lock', { reason: 'user' });
  }
} else if (op === 'passwords') {
  // runId's parity says which of jana's two passwords is current when this run starts.
  let current = Number(runId) % 2;
  await call('session.login', { username: 'jana', password: USERS.jana[current] });
  say('READY');
  for (;;) {
    const next = 1 - current;
    say(`TRY ${next}`);
    await call('session.changeOwnPassword', { currentPassword: USERS.jana[current], newPassword: USERS.jana[next] });
    say(`ACK ${next}`);
    current = next;
  }
}
