import { hostname } from 'node:os';
import type { Command } from 'commander';
import { call, dataOption, optionsOf, output, secretFromEnvOrPrompt, withBackend } from '../context';

interface InitOptions {
  data: string;
  org: string;
  admin: string;
  workstation?: string;
  displayName?: string;
}

export function registerInit(program: Command): void {
  dataOption(program.command('init'))
    .description('set up a new installation: organisation, workstation and the first administrator (password from THROUGHCARE_PASSWORD or a prompt)')
    .requiredOption('--org <name>', 'organisation name')
    .requiredOption('--admin <username>', 'username of the first administrator')
    .option('--workstation <name>', 'name of this workstation (default: the host name)')
    .option('--display-name <name>', "administrator's display name (default: the username)")
    .action(async (_opts: InitOptions, cmd: Command) => {
      const opts = optionsOf<InitOptions>(cmd);
      const result = await withBackend(opts.data, async (backend) => {
        const password = await secretFromEnvOrPrompt('THROUGHCARE_PASSWORD', `New password for ${opts.admin}: `, { confirm: true });
        return call(backend, 'setup.initialize', {
          organisation: opts.org,
          workstation: opts.workstation ?? hostname(),
          admin: { username: opts.admin, displayName: opts.displayName ?? opts.admin, password },
        });
      });
      const warning = 'Write the recovery key down now and keep it somewhere safe: it is shown only this once, and it is the only way in when every password is lost.';
      output(opts, { ok: true, user: result.user, recoveryKey: result.recoveryKey, warning }, () => [
        `Installation set up in ${opts.data}; administrator "${result.user.username}" created.`,
        '',
        `Recovery key: ${result.recoveryKey}`,
        '',
        `WARNING: ${warning}`,
      ]);
    });
}
