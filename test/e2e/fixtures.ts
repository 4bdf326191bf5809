/**
 * Playwright fixtures for the browser journeys: `harness` is a fresh data folder with the real
 * services behind the loopback harness; `page` is Debian's Chromium (see playwright.config.ts).
 * `consoleErrors` collects what the page logged as errors, for tests that assert there were none.
 */
import { test as base } from '@playwright/test'
import { startHarness, type Harness } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

export const test = base.extend<{ harness: Harness; consoleErrors: string[] }>({
  harness: async ({}, use) => {
    const data = tempDataDir()
    const harness = await startHarness({ dataDir: data.dir })
    await use(harness)
    await harness.close()
    data.cleanup()
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await use(errors)
  },
})

export { expect } from '@playwright/test'
