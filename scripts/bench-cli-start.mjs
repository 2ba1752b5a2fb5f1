#!/usr/bin/env node
// `npm run bench:cli`: how long `throughcare --help` takes from the bundle, against a bare `node -e 0` measured in
// the same run (interleaved, so machine load hits both alike). Prints median and p95 of each, the difference and the ratio.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, CLI_BUNDLE } from './build-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await buildCli(root);
const runs = Number(process.argv[2] ?? 15);
const time = (args) => {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const bare = [];
const help = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']));
  help.push(time([CLI_BUNDLE, '--help']));
}
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
};
const b = stat(bare);
const h = stat(help);
const ms = (x) => `${Math.round(x)} ms`;
console.log(`node -e 0             median ${ms(b.median)}  p95 ${ms(b.p95)}`);
console.log(`throughcare --help    median ${ms(h.median)}  p95 ${ms(h.p95)}`);
console.log(`CLI start over bare node: ${ms(h.median - b.median)} (median), ratio ${(h.median / b.median).toFixed(2)}×`);
console.log(`target --help < 300 ms: ${h.median < 300 ? 'met' : `MISSED (bare node alone takes ${ms(b.median)} on this machine now)`}`);
