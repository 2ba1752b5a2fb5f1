import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's Chromium, through the loopback bridge, against the real Node side.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
