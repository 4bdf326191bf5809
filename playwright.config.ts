import { defineConfig } from '@playwright/test'

/** End-to-end tests: the built renderer in Debian's Chromium through the loopback harness, and
 * the real Electron app where an Electron binary exists. `npm test` builds first (pretest). */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
})
