import type { Command } from 'commander';
import type { AuditVerifyResult } from '../../../../shared/schemas/audit';
import { call, dataOption, loginFromEnv, optionsOf, output, withBackend } from '../context';

type BrokenReason = Extract<AuditVerifyResult, { ok: false }>['reason'];

export const BROKEN_REASONS: Record<BrokenReason, string> = {
  hashMismatch: 'the entry was altered (its content does not match its hash)',
  linkBroken: 'the entry does not link to the one before it (an entry was altered or replaced)',
  missingEntry: 'the entry is missing (deleted)',
  headMismatch: 'the newest entries do not match the recorded head of the chain (entries at the end were removed or replaced)',
  historyLost: 'acknowledged entries from here on are missing from the database (it lost its newest history); restore the latest backup',
  historyReplaced: 'the history recorded at the last clean close was replaced; restore the latest backup',
};

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log (as an administrator: THROUGHCARE_ADMIN_USER, THROUGHCARE_PASSWORD)');

  dataOption(audit.command('verify'))
    .description('check the audit chain; exit 0 when intact, 1 and the first broken entry when not')
    .action(async (_opts: { data: string }, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'audit.verify', {});
      });
      if (result.ok) {
        output(opts, result, () => `Audit log intact: ${result.count} entries, head ${result.headHash}`);
        return;
      }
      const missing = result.missing ? ` (${result.missing} ${result.missing === 1 ? 'entry' : 'entries'} missing)` : '';
      const line = `Audit log broken at entry ${result.brokenAt}: ${BROKEN_REASONS[result.reason]}${missing}`;
      if (opts.json) output(opts, { ...result, message: line }, () => line);
      process.stderr.write(`${line}\n`);
      process.exitCode = 1;
    });
}
