import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'migrations/**/*.test.ts',
      'src/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    // Native modules (better-sqlite3) and real scrypt are happiest in forked workers.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests never touch the user's real data folder.
    env: { HELSSA_DATA_DIR: '' },
  },
});
