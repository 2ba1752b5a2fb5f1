import { Command, CommanderError } from 'commander';
import { CliError, oneLine } from './context';
import { registerInit } from './commands/init';
import { registerUsers } from './commands/users';
import { registerAudit } from './commands/audit';
import { registerClients } from './commands/clients';
import { registerDemo } from './commands/demo';
import { registerHandoverCommands } from './commands/handover';
import { registerReport } from './commands/report';
import { registerBackup, registerDoctor, registerRestore } from './commands/backup';

/**
 * The command tree. To add a command group: create `commands/<group>.ts` exporting `register<Group>(program)`
 * that calls the backend through `withBackend` + `call` (see context.ts), and register it here.
 */
export function buildProgram(): Command {
  const program = new Command('throughcare')
    .description('Throughcare headless tools: the same services as the app, for set-up, administration and checks')
    .option('--json', 'machine-readable JSON output on stdout');
  registerInit(program);
  registerUsers(program);
  registerAudit(program);
  registerClients(program);
  registerDemo(program);
  registerHandoverCommands(program);
  registerReport(program);
  registerBackup(program);
  registerRestore(program);
  registerDoctor(program);
  return program;
}

/** Parses argv and runs the command; returns the exit code (errors become one line on stderr). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed the usage error (or the help / version text).
      return e.exitCode;
    }
    const json = program.opts<{ json?: boolean }>().json;
    const message = e instanceof CliError ? e.message : `Unexpected error: ${oneLine((e as Error)?.message ?? String(e))}`;
    if (json) {
      const error = e instanceof CliError && e.payload ? e.payload : { code: 'CLI', message };
      process.stdout.write(`${JSON.stringify({ ok: false, error })}\n`);
    }
    process.stderr.write(`Error: ${oneLine(message)}\n`);
    return e instanceof CliError ? e.exitCode : 1;
  }
}
