// `npm test`: install (npm ci, no Electron binary), typecheck, lint, vitest (unit/integration/security), build, e2e.
// Ends with one line "N passed, M failed" counted from vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0;
mkdirSync('test-results', { recursive: true });

// The e2e suite drives Debian's Chromium, the PDF tests read PDFs back with poppler, the handover interop tests run age
// and minisign: say so up front, not after minutes.
const missing = [['/usr/bin/chromium', 'chromium'], ['/usr/bin/pdftotext', 'poppler-utils'], ['/usr/bin/age', 'age'], ['/usr/bin/minisign', 'minisign']].filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
if (missing.length) {
  console.error(`Missing Debian packages: ${missing.join(', ')}. Install them with: apt-get install -y ${missing.join(' ')} (or run .ci/run, which does).`);
  process.exit(1);
}

if (!process.env.THROUGHCARE_SKIP_INSTALL && !run('npm', ['ci', '--no-audit', '--no-fund'])) process.exit(1);
const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['vitest', 'npx', ['vitest', 'run', '--config', 'vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']],
  ['build', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['e2e', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/e2e.json']],
];
const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  if (!run(cmd, args)) failedSteps.push(name);
}
let passed = 0;
let failed = 0;
for (const f of ['test-results/unit.json', 'test-results/e2e.json']) {
  if (!existsSync(f)) continue;
  const report = JSON.parse(readFileSync(f, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
