import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: forks isolate it per worker process
    pool: 'forks',
    // one file at a time: every UI test file starts its own browser host and Chromium, and on a 2-core machine two of
    // them side by side (plus the build) starve each other into timeouts
    fileParallelism: false,
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
