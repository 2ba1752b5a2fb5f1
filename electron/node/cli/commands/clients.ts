import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLIENT_STATUS_VALUES as CLIENT_STATUSES } from '../../../../shared/schemas/enumValues';
import type { CaseloadRow } from '../../../../shared/schemas/caseload';
import { CliError, call, dataOption, loginFromEnv, oneOf, optionsOf, output, withBackend } from '../context';

interface ImportOptions {
  data: string;
  dryRun?: boolean;
  lang?: string;
}

/** One sentence of locales/clientImport.ts, filled in; field names in the sentence are the language's own. */
function importText(lang: 'cs' | 'en', texts: typeof import('../../../../shared/i18n/locales/clientImport').clientImport, key: string, params: Record<string, string>): string {
  const t = texts[lang];
  const template = (t.problems as Record<string, string>)[key] ?? key;
  const fields = t.fields as Record<string, string>;
  const values: Record<string, string> = { ...params, ...(params.field ? { field: fields[params.field] ?? params.field } : {}), ...(params.column ? { column: fields[params.column] ? `${params.column} (${fields[params.column]})` : params.column } : {}) };
  const sentence = template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k] ?? '');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

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

  dataOption(clients.command('import').argument('<file>', 'CSV as Czech Excel saves it (; or , separated; UTF-8 with or without BOM, or Windows-1250)'))
    .description('register an existing caseload from a spreadsheet, all or nothing (admins); columns: code, lastName, firstName, dateOfBirth, sex, prison, worker, team, earliestRelease (Czech headers too)')
    .option('--dry-run', 'check every row and report, register nothing')
    .option('--lang <lang>', 'language of the row reasons: cs or en', 'cs')
    .action(async (file: string, _o: ImportOptions, cmd: Command) => {
      const opts = optionsOf<ImportOptions>(cmd);
      const lang = opts.lang === 'en' ? 'en' : opts.lang === 'cs' ? 'cs' : null;
      if (!lang) throw new CliError(`Unknown language "${opts.lang}": use cs or en.`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new CliError(`The file ${file} cannot be read.`);
      }
      const { parseClientImportFile } = await import('../../../../shared/clients/clientImportFile');
      const { clientImport: texts } = await import('../../../../shared/i18n/locales/clientImport');
      const parsed = parseClientImportFile(bytes);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        // Rows the file itself refuses are reported with those the database refuses; with any, nothing is written.
        if (parsed.rows.length === 0) return { imported: 0, codes: [], problems: [] };
        return call(backend, 'clients.import', { rows: parsed.rows, dryRun: Boolean(opts.dryRun) || parsed.problems.length > 0 });
      });
      const problems = [...parsed.problems, ...result.problems]
        .sort((x, y) => x.line - y.line)
        .map((p) => ({ ...p, message: { cs: importText('cs', texts, p.key, p.params), en: importText('en', texts, p.key, p.params) } }));
      const ok = problems.length === 0;
      if (!ok) process.exitCode = 1;
      const count = result.imported;
      const plural = new Intl.PluralRules(lang).select(count);
      const t = texts[lang] as Record<string, unknown>;
      output(opts, { ok, encoding: parsed.encoding, imported: count, codes: result.codes, dryRun: Boolean(opts.dryRun), problems }, () => [
        ...problems.map((p) => `${String(t.line).replace('{{line}}', String(p.line))}: ${p.message[lang]}`),
        ...(ok ? (opts.dryRun ? [] : [String(t[`imported_${plural}`] ?? t.imported).replace('{{count}}', String(count))]) : [String(t.refused)]),
      ]);
    });

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
