import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Integration tests share nothing but the machine; 2 cores here and in CI.
    pool: 'forks',
    globalSetup: ['test/support/secret-service.ts'],
    testTimeout: 20_000,
  },
})
