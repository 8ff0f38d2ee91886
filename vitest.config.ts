import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': fromRoot('./src'),
      // 'server-only' throws outside Next's react-server condition; tests import server modules directly.
      'server-only': fromRoot('./tests/helpers/empty.ts'),
    },
  },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/resilience/**'],
          setupFiles: ['tests/helpers/setup.ts'],
          // One database for the whole run (scripts/with-test-db.ts), so files take turns.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'resilience',
          include: ['tests/resilience/**/*.test.ts'],
          // Builds .next-resilience once when the sources are newer than it.
          globalSetup: ['tests/resilience/support/global-setup.ts'],
          // Each file runs its own PostgreSQL and app server; two cores cannot take two at once.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
