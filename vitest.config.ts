import { defineConfig } from 'vitest/config';

// One runner for every suite; each project is named so `npm test` prints its counts per suite.
// Tests wait for what they wait for, never a fixed time: on a busy shared machine a test that
// takes 100 ms idle can take 15 s, so vitest's 5 s default would fail work that is only slow.
const node = (name: string, extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    include: [`tests/${name}/**/*.test.ts`],
    environment: 'node',
    globals: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...extra,
  },
});

export default defineConfig({
  test: {
    globals: true,
    passWithNoTests: false,
    globalSetup: ['tests/support/data-dir-setup.ts'],
    projects: [
      node('core'),
      node('api'),
      node('shell'),
      node('host'),
      {
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          globals: true,
          setupFiles: ['tests/renderer/setup.ts'],
        },
      },
      node('e2e', { testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false }),
      // Crash trials and fault injection: child processes and big files, so one file at a time.
      node('reliability', { testTimeout: 600_000, hookTimeout: 120_000, fileParallelism: false }),
      // The bench at a tiny size: it runs and reports, never asserts a time.
      node('bench', { testTimeout: 180_000 }),
    ],
  },
});
