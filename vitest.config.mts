import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: forks isolate it per worker process
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
