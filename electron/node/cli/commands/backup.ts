import type { Command } from 'commander';
import path from 'node:path';
import { call, CliError, dataOption, loginFromEnv, oneLine, optionsOf, output, secretFromEnvOrPrompt, withBackend } from '../context';
import type { BackupSecret } from '../../backup/restore';
// The backup modules (and the API contract) load when a command runs, so the CLI's start and --help stay light.
const restoreModule = () => import('../../backup/restore');
const doctorModule = () => import('../../backup/doctor');

/** A password from THROUGHCARE_PASSWORD (user THROUGHCARE_ADMIN_USER, default admin), or the recovery key. */
async function secretFrom(opts: { recoveryKey?: string }, required: boolean): Promise<BackupSecret | undefined> {
  if (opts.recoveryKey) return { recoveryKey: opts.recoveryKey };
  if (!required && !process.env.THROUGHCARE_PASSWORD) return undefined;
  const username = process.env.THROUGHCARE_ADMIN_USER || 'admin';
  return { username, password: await secretFromEnvOrPrompt('THROUGHCARE_PASSWORD', `Password for ${username}: `) };
}

/** Errors of functions called directly (no installation to dispatch through) become the same one-line CLI error. */
async function direct<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof (await import('../../../../shared/api')).ApiError) throw new CliError(oneLine(e.message), 1, e.toPayload());
    throw e;
  }
}

export function registerBackup(program: Command): void {
  const backup = program.command('backup').description('encrypted backups of an installation (SPEC W12)');

  dataOption(backup.command('create'))
    .description('check the whole database, then write one encrypted backup file into FOLDER (as an administrator) and print its path')
    .requiredOption('--out <folder>', 'folder for the backup, e.g. a USB stick; the newest backups are kept there')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; out: string }>(cmd);
      const created = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'backup.create', { folder: path.resolve(opts.out) });
      });
      output(opts, { file: created.file, createdAt: created.createdAt, sizeBytes: created.sizeBytes }, () => created.file);
    });

  backup
    .command('verify <file>')
    .description('check a backup without restoring it; with THROUGHCARE_PASSWORD or --recovery-key it is also opened and fully checked')
    .option('--recovery-key <key>', 'open the backup with the recovery key')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ recoveryKey?: string }>(cmd);
      const secret = await secretFrom(opts, false);
      const { inspectBackup } = await restoreModule();
      const result = await direct(() => inspectBackup(path.resolve(file), secret));
      const m = result.manifest;
      const opened = result.opened;
      const ok = !opened || (opened.integrityOk && opened.auditOk);
      output(opts, { ok, ...result }, () => [
        `Backup of ${m.createdAt} (${m.organisation} / ${m.workstation}), database ${m.databaseId}, audit head ${m.auditHead.seq}: structure and checksums intact.`,
        opened
          ? ok
            ? `Opened and fully checked: every page authenticated, ${opened.auditEntries} audit entries intact.`
            : `Opened, but the database inside failed the check: ${opened.problems.join('; ')}`
          : 'Not opened (give THROUGHCARE_PASSWORD or --recovery-key to open it and check every page).',
      ]);
      if (!ok) {
        if (!opts.json) process.stderr.write('Error: the backup is damaged inside; use another backup.\n');
        process.exitCode = 1;
      }
    });
}

export function registerRestore(program: Command): void {
  program
    .command('restore <file>')
    .description('restore a backup into a data folder (unlocks with THROUGHCARE_PASSWORD or --recovery-key)')
    .requiredOption('--data <dir>', 'data folder to restore into: a new folder, or with --replace a damaged installation')
    .option('--recovery-key <key>', 'open the backup with the recovery key')
    .option('--replace', 'replace the installation in --data; its files are moved into a replaced-<time> folder beside it, never deleted')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; recoveryKey?: string; replace?: boolean }>(cmd);
      const secret = (await secretFrom(opts, true))!;
      const result = await withBackend(opts.data, (backend) => call(backend, 'backup.restore', { file: path.resolve(file), secret, replaceExisting: Boolean(opts.replace) }));
      output(opts, { ok: true, ...result, data: path.resolve(opts.data) }, () => [
        `Restored the backup of ${result.createdAt} into ${path.resolve(opts.data)}.`,
        ...(result.movedAsideTo ? [`The previous files were moved to ${result.movedAsideTo}.`] : []),
      ]);
    });
}

export function registerDoctor(program: Command): void {
  dataOption(program.command('doctor'))
    .description('check key slots, write-ahead log, every database page and the audit chain; exit 0 only when all hold (THROUGHCARE_PASSWORD or --recovery-key)')
    .option('--recovery-key <key>', 'open the key slots with the recovery key')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; recoveryKey?: string }>(cmd);
      const secret = (await secretFrom(opts, true))!;
      const { runDoctor } = await doctorModule();
      const findings = await runDoctor(path.resolve(opts.data), secret);
      const ok = findings.every((f) => f.ok);
      output(opts, { ok, findings }, () => findings.map((f) => `${f.ok ? 'ok     ' : 'PROBLEM'} ${f.check}: ${f.detail}${f.wayOut ? ` — way out: ${f.wayOut}` : ''}`));
      if (!ok) {
        if (!opts.json) process.stderr.write(`Error: ${findings.filter((f) => !f.ok).map((f) => f.check).join(', ')} failed; see above for the way out.\n`);
        process.exitCode = 1;
      }
    });
}
