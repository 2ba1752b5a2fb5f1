import type { Command } from 'commander';
import { CliError, dataOption, loginFromEnv, optionsOf, output, withBackend } from '../context';

interface DemoOptions {
  data: string;
  clients: string;
  notes: string;
  assessments?: string;
  seed?: string;
}

const DEMO_WORKERS = [
  ['demo.jana', 'Jana Nováková (demo)'],
  ['demo.petr', 'Petr Svoboda (demo)'],
  ['demo.lucie', 'Lucie Dvořáková (demo)'],
  ['demo.radek', 'Radek Horák (demo)'],
] as const;

function count(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new CliError(`--${name} must be a whole number from 0 to ${max}.`);
  return n;
}

export function registerDemo(program: Command): void {
  dataOption(program.command('demo'))
    .description('fill an installation with realistic synthetic clients and contact notes (for trying out and benchmarks; as an admin)')
    .option('--clients <n>', 'number of clients', '200')
    .option('--notes <n>', 'number of contact notes spread over them', '2000')
    .option('--assessments <n>', 'number of completed assessments, each with a screening (default: 5 per client)')
    .option('--seed <n>', 'random seed (same seed, same data)')
    .action(async (_o: DemoOptions, cmd: Command) => {
      const opts = optionsOf<DemoOptions>(cmd);
      const clients = count(opts.clients, 'clients', 200_000);
      const notes = count(opts.notes, 'notes', 10_000_000);
      const assessments = opts.assessments === undefined ? undefined : count(opts.assessments, 'assessments', 2_000_000);
      const started = Date.now();
      // Loaded when the command runs, so the CLI's start (and `--help`) stays light.
      const [{ appendAudit }, { generateDemoData }, { insertUser, listUsers }] = await Promise.all([
        import('../../audit/auditLog'),
        import('../../demo/demoData'),
        import('../../users/userRepository'),
      ]);
      const result = await withBackend(opts.data, async (backend) => {
        const admin = await loginFromEnv(backend);
        if (admin.role !== 'admin') throw new CliError('Only an administrator can generate demo data.');
        const store = backend.session!.store;
        // Demo workers get no password (no key slot): an admin can set one under Users to log in as them.
        const now = new Date(backend.now());
        const existing = new Set(listUsers(store.db, false).map((u) => u.username));
        store.db.transaction((tx) => {
          for (const [username, displayName] of DEMO_WORKERS) if (!existing.has(username)) insertUser(tx, { username, displayName, role: 'caseworker' }, now);
        });
        const workerIds = listUsers(store.db, false).filter((u) => u.role !== 'evaluator').map((u) => u.id);
        const tty = process.stderr.isTTY && !opts.json;
        const generated = generateDemoData(store.db, store.sqlite, workerIds, {
          clients,
          notes,
          ...(assessments === undefined ? {} : { assessments }),
          ...(opts.seed ? { seed: count(opts.seed, 'seed', 2 ** 31) } : {}),
          progress: (p) => tty && process.stderr.write(`\r${p.clients} clients, ${p.notes} notes…`),
        });
        if (tty) process.stderr.write('\n');
        appendAudit(store.db, { actorId: admin.id, actorName: admin.username, action: 'demo.generated', details: { clients, notes } });
        return generated;
      });
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      output(opts, { ...result, seconds }, () => `Generated ${result.clients} clients, ${result.notes} contact notes and ${result.assessments} assessments in ${seconds} s.`);
    });
}
