import type { Command } from 'commander';
import { CliError, call, dataOption, loginFromEnv, optionsOf, output, withBackend } from '../context';

/** W10 retention and erasure, headless: `clients erase CODE --reason TEXT` and `retention list`. */
export function registerRetention(program: Command): void {
  const clients = program.commands.find((c) => c.name() === 'clients') ?? program.command('clients');
  dataOption(clients.command('erase'))
    .description('erase a closed client for good (admins): every record, note, draft, attachment and handover record; leaves only an impersonal audit entry')
    .argument('<code>', 'the client code (typing it is the confirmation)')
    .requiredOption('--reason <text>', 'why (goes into the audit log: must not name the client)')
    .action(async (code: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; reason: string }>(cmd);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const wanted = code.trim().toUpperCase();
        const page = await call(backend, 'clients.caseload', { search: wanted, status: ['closed'], limit: 200 });
        const row = page.rows.find((r) => r.code === wanted);
        if (!row) throw new CliError(`No closed case with the code ${wanted}: only closed cases can be erased.`);
        return call(backend, 'retention.erase', { clientId: row.id, confirmCode: wanted, reason: opts.reason });
      });
      output(opts, result, () => `Client erased. Audit entry kept: code hash ${result.codeHash}, ${result.erasedAt}.`);
    });

  const retention = program.command('retention').description('closed cases past the retention period (W10)');
  dataOption(retention.command('list'))
    .description('list closed cases whose retention period has run out')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const review = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'retention.review', {});
      });
      output(opts, review, () => [
        `Retention: ${review.retentionMonths} months after the last activity of a closed case.`,
        ...(review.due.length ? review.due.map((c) => `${c.code}  ${c.lastName} ${c.firstName}  last activity ${c.lastActivityOn}, due ${c.dueOn}`) : ['No closed case is past the retention period.']),
      ]);
    });
}
