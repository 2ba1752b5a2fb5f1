import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { reports } from '../../../../shared/i18n/locales/reports';
import { CliError, call, dataOption, loginFromEnv, optionsOf, output, withBackend } from '../context';

/** SPEC W13 headless: indicators, the de-identified export, the signed report, its import and the programme sums. */

const en = reports.en;
const title = (id: string) => en.indicators[id as keyof typeof en.indicators].title;
const percent = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)} %`);

function period(cmd: Command) {
  return cmd.requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)').requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD)');
}

/** Writes a file, or fails with one line naming it; nothing else has been written when it fails. */
function writeOut(file: string, data: string | Buffer): void {
  try {
    writeFileSync(file, data, { flag: 'w' });
  } catch (e) {
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('outcome indicators, the de-identified evaluation export and signed indicator reports (W13)');

  period(dataOption(report.command('indicators')))
    .description('print every indicator with its numerator, denominator and value')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; from: string; to: string }>(cmd);
      const d = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'reports.dashboard', { from: opts.from, to: opts.to });
      });
      output(opts, d, () => d.indicators.map((i) => `${title(i.id).padEnd(56)} ${String(i.numerator).padStart(6)} / ${String(i.denominator).padEnd(6)} ${i.kind === 'share' ? percent(i.numerator, i.denominator) : ''}`));
    });

  period(dataOption(report.command('export')))
    .description('de-identified evaluation export: FILE.csv per client and FILE-period.csv with suppressed aggregates')
    .requiredOption('--out <file>', 'the per-client CSV (the aggregate table is written beside it)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; from: string; to: string; out: string }>(cmd);
      const out = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'reports.export', { from: opts.from, to: opts.to });
      });
      const periodFile = path.join(path.dirname(opts.out), `${path.basename(opts.out, path.extname(opts.out))}-period.csv`);
      writeOut(opts.out, out.perClient.csv);
      writeOut(periodFile, out.perPeriod.csv);
      output(opts, { perClient: { file: opts.out, rows: out.perClient.rows }, perPeriod: { file: periodFile, rows: out.perPeriod.rows } }, () => [
        `${out.perClient.rows} clients written to ${opts.out}`,
        `${out.perPeriod.rows} aggregate rows written to ${periodFile}`,
      ]);
    });

  period(dataOption(report.command('bundle')))
    .description('the signed indicator report of this installation (aggregates only), for a coordinator')
    .requiredOption('--out <file>', 'where to write the report file')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; from: string; to: string; out: string }>(cmd);
      const made = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'reports.bundle', { from: opts.from, to: opts.to });
      });
      writeOut(opts.out, Buffer.from(made.fileBase64, 'base64'));
      output(opts, { file: opts.out, reportId: made.reportId }, () => `Signed indicator report ${made.reportId} written to ${opts.out}`);
    });

  dataOption(report.command('import'))
    .description("import other installations' signed indicator reports; each file is checked on its own and a refused one changes nothing")
    .argument('<files...>', 'report files')
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const contents = files.map((file) => {
        try {
          return { file, bytes: readFileSync(file) };
        } catch {
          throw new CliError(`Cannot read ${file}.`);
        }
      });
      const results = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const done: { file: string; ok: boolean; result?: unknown; error?: string }[] = [];
        for (const { file, bytes } of contents) {
          const r = await backend.invoke('reports.import', { fileName: path.basename(file), fileBase64: bytes.toString('base64') });
          done.push(r.ok ? { file, ok: true, result: r.value } : { file, ok: false, error: r.error.message });
        }
        return done;
      });
      output(opts, results, () => results.map((r) => (r.ok ? `imported: ${r.file}` : `REFUSED: ${r.file}: ${r.error}`)));
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });

  period(dataOption(report.command('programme')))
    .description('the imported reports inside the period, each numerator and denominator summed across them')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; from: string; to: string }>(cmd);
      const p = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'reports.programme', { from: opts.from, to: opts.to });
      });
      if (!p.sources.length) throw new CliError(en.errors.reports.noImportedReports);
      output(opts, p, () => [
        ...p.sources.map((s) => `source: ${s.organisation} (${s.signerName}), ${s.from} – ${s.to}, report of ${s.createdAt.slice(0, 10)}`),
        ...p.indicators.map(
          (i) => `${title(i.id).padEnd(56)} ${String(i.numerator).padStart(6)} / ${String(i.denominator).padEnd(6)} ${percent(i.numerator, i.denominator)}${i.suppressed ? `  (${i.suppressed} counts <5 not in the sums)` : ''}`,
        ),
      ]);
    });
}
