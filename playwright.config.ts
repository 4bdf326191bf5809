import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/e2e/browser'

/** End-to-end tests: the built renderer in Debian's Chromium through the loopback harness, and
 * the real Electron app where an Electron binary exists. `npm test` builds first (pretest). */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    browserName: 'chromium',
    // Debian's Chromium: Playwright cannot download its own browser here. Resolved lazily so the
    // Electron spec runs (or skips) on machines without Chromium.
    launchOptions: chromiumLaunchOptions({ required: false }),
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
})
