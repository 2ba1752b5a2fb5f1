import path from 'node:path';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildCli } from '../../scripts/build-cli.mjs';

/** Vitest global setup: the CLI tests run the bundle, so build it from the current sources once per run. */
export default async function setup(): Promise<void> {
  await (buildCli as (root: string) => Promise<void>)(path.resolve(import.meta.dirname, '../..'));
}
