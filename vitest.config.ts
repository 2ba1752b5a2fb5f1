import { defineConfig } from 'vitest/config';

// Unit, integration and security tests: plain Node against real encrypted files in temp folders.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/faults/**/*.test.ts'],
    environment: 'node',
    // The CLI tests run the bundled CLI (dist/cli): built from the current sources before any test starts.
    globalSetup: ['tests/helpers/buildBundles.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves a core idle; most files wait on Argon2id or a CLI child process, so use both.
    maxWorkers: 2,
  },
});
