import { defineConfig } from 'vitest/config';

// Three suites, run together by `npm test` and one at a time by `--project <name>`:
// - unit: pure code, beside what it tests (electron/**/x.test.ts, renderer/src/**/x.test.ts); seconds, no browser.
// - node: integration tests that start the fake Dropbox, the real keychain, git or the CLI (test/node).
// - e2e: the window in a real browser and the app-level specs (test/e2e); they need `npm run build`.
// - timing: the CLI start-up budget, measured alone after the others (npm test runs it last), since
//   two busy test workers beside it would measure them, not the CLI.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['electron/**/*.test.ts', 'renderer/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'node', include: ['test/node/**/*.test.ts'], exclude: ['test/node/cli-startup.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.spec.ts'] } },
      { extends: true, test: { name: 'timing', include: ['test/node/cli-startup.test.ts'] } },
    ],
  },
});
