import type { Command } from 'commander';
import { ROLE_VALUES as ROLES } from '../../../../shared/schemas/enumValues';
import { CliError, call, dataOption, loginFromEnv, oneOf, optionsOf, output, secretFromEnvOrPrompt, withBackend } from '../context';

interface AddOptions {
  data: string;
  role: string;
  displayName?: string;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('manage staff accounts (as an administrator: THROUGHCARE_ADMIN_USER, THROUGHCARE_PASSWORD)');

  dataOption(users.command('add'))
    .description("create a user (the new user's password from THROUGHCARE_NEW_PASSWORD or a prompt)")
    .argument('<username>', 'username of the new user')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'display name (default: the username)')
    .action(async (username: string, _opts: AddOptions, cmd: Command) => {
      const opts = optionsOf<AddOptions>(cmd);
      const role = oneOf(ROLES, opts.role);
      if (!role) throw new CliError(`Unknown role "${opts.role}": use one of ${ROLES.join(', ')}.`);
      const user = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const password = await secretFromEnvOrPrompt('THROUGHCARE_NEW_PASSWORD', `Password for the new user ${username}: `, { confirm: true });
        return call(backend, 'users.create', { username, displayName: opts.displayName ?? username, role, password });
      });
      output(opts, user, () => `User "${user.username}" (${user.role}) created.`);
    });

  dataOption(users.command('list'))
    .description('list users')
    .option('--all', 'include removed users')
    .action(async (_opts: { data: string; all?: boolean }, cmd: Command) => {
      const opts = optionsOf<{ data: string; all?: boolean }>(cmd);
      const list = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'users.list', { includeRemoved: Boolean(opts.all) });
      });
      output(opts, list, () => {
        if (!list.length) return 'No users.';
        const rows = list.map((u) => [u.username, u.role, u.displayName, u.createdAt.slice(0, 10), u.removedAt ? `removed ${u.removedAt.slice(0, 10)}` : 'active']);
        const header = ['USERNAME', 'ROLE', 'DISPLAY NAME', 'CREATED', 'STATUS'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
      });
    });
}
