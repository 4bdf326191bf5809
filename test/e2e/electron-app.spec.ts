/**
 * The real Electron app, launched by Playwright. Runs where an Electron binary is installed;
 * elsewhere (no binary could be downloaded) it is skipped and says why. Beside the app opening on its
 * database: the bridge holds only what the preload exposes, and the window's rules hold (CSP, navigation
 * and window.open denied, permissions refused, outside requests cancelled).
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { _electron as electron, expect, test } from '@playwright/test'
import { databaseFileIn } from '../../src/main/paths'
import { projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

function electronBinary(): { path?: string; reason?: string } {
  // Look for the binary without require('electron'): that require starts a download when the
  // binary is missing, which on a closed network only fails slowly and noisily.
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(pkgDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(pkgDir, 'dist', relative)
      : undefined
  if (candidate && existsSync(candidate)) return { path: candidate }
  return {
    reason:
      'the electron package is installed but its binary was never downloaded (no network here). ' +
      'Where the internet is reachable, `npm start` or `npx install-electron` fetches it and this test runs.',
  }
}

const binary = electronBinary()

// eslint-disable-next-line no-empty-pattern -- Playwright reads a test's fixtures from this pattern: none
test('the Electron app opens, migrates its database and lists stop sales', async ({}, testInfo) => {
  if (!binary.path) console.log(`[electron-app.spec] skipped: ${binary.reason}`)
  test.skip(!binary.path, `Electron binary unavailable: ${binary.reason}`)
  const data = tempDataDir()
  try {
    // Create and migrate the database the app will open, with one stop sale in it.
    const { openDatabase } = await import('../../src/main/db/database')
    const db = await openDatabase(databaseFileIn(data.dir), { migrationsFolder: join(projectRoot, 'drizzle') })
    db.close()
    const direct = new Database(databaseFileIn(data.dir))
    direct
      .prepare(
        "insert into stop_sales (hotel_name, first_night, last_night) values ('Kemer Işıklar Resort', '2025-06-20', '2025-06-25')",
      )
      .run()
    direct.close()

    const app = await electron.launch({
      executablePath: binary.path!,
      args: [join(projectRoot, 'out/main/index.js'), '--data-dir', data.dir, '--no-sandbox'],
      cwd: projectRoot,
    })
    const page = await app.firstWindow()
    await expect(page.getByTestId('stop-sale-row')).toContainText('Kemer Işıklar Resort')
    // The renderer gets the bridge (calls, events, a dropped file's path) and nothing else from Node.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined')
    expect(
      await page.evaluate(() => Object.keys((window as unknown as { sedna?: object }).sedna ?? {}).sort()),
    ).toEqual(['invoke', 'on', 'pathForFile'])
    await page.screenshot({ path: testInfo.outputPath('electron.png') })

    // The window's rules (src/main/window.ts). The CSP, in the page and as the header's twin:
    const home = page.url()
    expect(home).toMatch(/^file:.*index\.html/)
    expect(
      await page.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      ),
    ).toContain("default-src 'none'")
    // Navigation away is denied: the page stays where it is.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(home)
    // window.open opens nothing.
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
    await page.waitForTimeout(300)
    expect(app.windows()).toHaveLength(1)
    // Every permission request is refused.
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied')
    // Requests to the outside are cancelled (Sedna is called from main only).
    expect(
      await page.evaluate(() =>
        fetch('https://example.com/').then(
          () => 'answered',
          () => 'refused',
        ),
      ),
    ).toBe('refused')
    await app.close()
  } finally {
    data.cleanup()
  }
})
