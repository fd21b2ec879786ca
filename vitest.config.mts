import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure tests and the renderer's shaping code: no browser, no build; `npm run test:unit`) and
// `app` (integration through the CLI, the API and the browser host, and the UI tests in Chromium). `npm test` runs
// both.
export default defineConfig({
  test: {
    // better-sqlite3 is a native addon: forks isolate it per worker process
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          include: [
            'test/integration/**/*.test.ts',
            'test/e2e/**/*.test.ts',
            'test/reliability/**/*.test.ts',
          ],
          // one file at a time: every UI test file starts its own browser host and Chromium, and on a 2-core machine
          // two of them side by side (plus the build) starve each other into timeouts
          fileParallelism: false,
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
