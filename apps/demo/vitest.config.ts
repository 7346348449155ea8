import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real training in a real browser on a shared 2-core machine: generous, and never a fixed sleep.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // One Chromium at a time: the suites would otherwise fight over the cores.
    fileParallelism: false,
  },
});
