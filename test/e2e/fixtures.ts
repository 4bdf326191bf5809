/**
 * Playwright fixtures for the browser journeys: `harness` is a fresh data folder with the real
 * services behind the loopback harness; `page` is Debian's Chromium (see playwright.config.ts).
 * `consoleErrors` collects what the page logged as errors, for tests that assert there were none.
 */
import { test as base } from '@playwright/test'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/sedna/simulator'
import { startHarness, type Harness } from '../harness/server'
import { tempDataDir } from '../support/fixtures'
import { addSimAccount } from '../support/account'

/** A harness whose active Sedna account talks to its own simulator, reference data fetched. */
export interface SednaEnv {
  harness: Harness
  /** Replaceable: a test may stop Sedna and start it again; teardown closes whichever is current. */
  sim: Simulator
}

export const test = base.extend<{
  harness: Harness
  consoleErrors: string[]
  simOptions: SimulatorOptions
  sedna: SednaEnv
}>({
  simOptions: [{}, { option: true }],
  sedna: async ({ simOptions }, use) => {
    const sim = await startSimulator(simOptions)
    const data = tempDataDir()
    // Probe often, so "Sedna is back" is noticed within the test's patience.
    const harness = await startHarness({ dataDir: data.dir, options: { sync: { probeIntervalMs: 300 } } })
    await addSimAccount(harness.context, sim.url)
    const env: SednaEnv = { harness, sim }
    await use(env)
    await harness.close()
    await env.sim.close()
    data.cleanup()
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a test's fixtures from this pattern: none
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
