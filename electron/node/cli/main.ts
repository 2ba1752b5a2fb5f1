/**
 * Entry point of `npm run cli -- <command>`: the headless CLI over the same backend as the app.
 * Application logs stay quiet so that stdout/stderr carry only the command's output.
 */
import { runCli } from './program';

process.env.THROUGHCARE_QUIET = '1';
process.exitCode = await runCli(process.argv);
