/** Debian's Chromium for Playwright: no browser download, flags that suit a closed network. */
import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function chromiumLaunchOptions(opts: { required?: boolean } = {}): LaunchOptions {
  if (!existsSync(chromiumPath) && opts.required !== false) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    )
  }
  return {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
