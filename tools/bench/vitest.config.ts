import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end runs spawn the whole suite at test size: about 25 s on an idle 2-core machine, several times
    // that when the machine is busy. A timeout here only guards against a hang, it is no speed assertion.
    testTimeout: 300_000,
  },
});
