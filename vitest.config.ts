import { defineConfig } from 'vitest/config';

// Unit tests sit beside the pure code they test (electron/**/x.test.ts); integration tests that
// start the fake Dropbox, the real keychain, git or the CLI live in test/node; browser and
// app-level specs in test/e2e.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'test/node/**/*.test.ts', 'test/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
