import type { Command } from 'commander';
import { CLIENT_STATUS_VALUES as CLIENT_STATUSES } from '../../../../shared/schemas/enumValues';
import type { CaseloadRow } from '../../../../shared/schemas/caseload';
import { CliError, call, dataOption, loginFromEnv, oneOf, optionsOf, output, withBackend } from '../context';

interface ListOptions {
  data: string;
  search?: string;
  status?: string;
}

/** What `clients list --json` prints per client: the caseload row in plain field names for scripts. */
function listEntry(r: CaseloadRow) {
  return {
    code: r.code,
    firstName: r.firstName,
    lastName: r.lastName,
    prison: r.prisonName,
    region: r.regionName,
    status: r.status,
    earliestRelease: r.earliestRelease,
    daysToRelease: r.daysToRelease,
    assignedWorker: r.assignedWorkerName,
    lastContactAt: r.lastContactAt,
    custody: r.custody,
    flags: r.flags,
  };
}

export function registerClients(program: Command): void {
  const clients = program.command('clients').description('the caseload (as THROUGHCARE_ADMIN_USER: admins see every client)');

  dataOption(clients.command('list'))
    .description('list clients, sorted by expected release')
    .option('--search <text>', 'full-text search over names, codes and notes')
    .option('--status <status>', `only clients with this status (${CLIENT_STATUSES.join(', ')})`)
    .action(async (_o: ListOptions, cmd: Command) => {
      const opts = optionsOf<ListOptions>(cmd);
      const status = opts.status === undefined ? undefined : oneOf(CLIENT_STATUSES, opts.status);
      if (status === null) throw new CliError(`Unknown status "${opts.status}": use one of ${CLIENT_STATUSES.join(', ')}.`);
      const rows = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const all: CaseloadRow[] = [];
        for (let offset = 0; ; offset += 200) {
          const page = await call(backend, 'clients.caseload', { search: opts.search ?? '', status: status ? [status] : [], offset, limit: 200 });
          all.push(...page.rows);
          if (all.length >= page.total || !page.rows.length) return all;
        }
      });
      const list = rows.map(listEntry);
      output(opts, list, () => {
        if (!list.length) return 'No clients.';
        const header = ['CODE', 'NAME', 'PRISON', 'RELEASE', 'STATUS', 'WORKER'];
        const cells = list.map((c) => [c.code, `${c.lastName} ${c.firstName}`, c.prison ?? '', c.earliestRelease ?? '', c.status, c.assignedWorker ?? '']);
        const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
        return [header, ...cells].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
      });
    });
}
