import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packing and two npm installs happen once, in beforeAll; a cold npm cache needs the network.
    hookTimeout: 300_000,
    testTimeout: 120_000,
  },
});
