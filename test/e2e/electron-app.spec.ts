/**
 * The real Electron app, launched by Playwright. Runs where an Electron binary is installed;
 * elsewhere (no binary could be downloaded) it is skipped and says why. Beside the app opening on its
 * database: the bridge holds only what the preload exposes, and the window's rules hold (CSP, navigation
 * and window.open denied, permissions refused, outside requests cancelled). And closing the window while
 * an item waits: asked once, the answer remembered, the app running on in the background (#16).
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

/**
 * Migrates a database in `dataDir` with one stop sale in it (`queued` and due at `dueAt`, or pending), then
 * launches the app on it.
 */
async function launchWithStopSale(dataDir: string, queued?: { dueAt: string }) {
  const { openDatabase } = await import('../../src/main/db/database')
  const db = await openDatabase(databaseFileIn(dataDir), { migrationsFolder: join(projectRoot, 'drizzle') })
  db.close()
  const direct = new Database(databaseFileIn(dataDir))
  direct
    .prepare(
      "insert into stop_sales (hotel_name, first_night, last_night, status, next_attempt_at) values ('Kemer Işıklar Resort', '2025-06-20', '2025-06-25', ?, ?)",
    )
    .run(queued ? 'queued' : 'pending', queued?.dueAt ?? null)
  direct.close()
  return electron.launch({
    executablePath: binary.path!,
    args: [join(projectRoot, 'out/main/index.js'), '--data-dir', dataDir, '--no-sandbox'],
    cwd: projectRoot,
  })
}

// eslint-disable-next-line no-empty-pattern -- Playwright reads a test's fixtures from this pattern: none
test('the Electron app opens, migrates its database and lists stop sales', async ({}, testInfo) => {
  if (!binary.path) console.log(`[electron-app.spec] skipped: ${binary.reason}`)
  test.skip(!binary.path, `Electron binary unavailable: ${binary.reason}`)
  const data = tempDataDir()
  try {
    // The app opens on a database made and migrated here, with one stop sale in it.
    const app = await launchWithStopSale(data.dir)
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

// eslint-disable-next-line no-empty-pattern -- Playwright reads a test's fixtures from this pattern: none
test('closing the window while an item waits asks once, remembers the answer, and keeps running in the background', async ({}) => {
  if (!binary.path) console.log(`[electron-app.spec] skipped: ${binary.reason}`)
  test.skip(!binary.path, `Electron binary unavailable: ${binary.reason}`)
  const data = tempDataDir()
  try {
    // One stop sale in the queue, due again tomorrow (as after a long Retry-After): it waits, and the
    // engine leaves it alone while the test runs.
    const app = await launchWithStopSale(data.dir, { dueAt: new Date(Date.now() + 86_400_000).toISOString() })
    const page = await app.firstWindow()
    await expect(page.getByTestId('stop-sale-row')).toContainText('Kemer Işıklar Resort')
    // The close dialog, answered in main as staff would: "Keep sending in the background", remembered.
    await app.evaluate(({ dialog }) => {
      const seen = globalThis as { closeAsked?: number }
      seen.closeAsked = 0
      dialog.showMessageBox = (async () => {
        seen.closeAsked! += 1
        return { response: 0, checkboxChecked: true }
      }) as unknown as typeof dialog.showMessageBox
    })
    const windows = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))
    const asked = () => app.evaluate(() => (globalThis as { closeAsked?: number }).closeAsked)

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close())
    // Hidden, not closed: the app runs on with its tray icon and keeps the queue going.
    await expect.poll(windows).toEqual([false])
    expect(await asked()).toBe(1)
    const settings = new Database(databaseFileIn(data.dir), { readonly: true })
    const row = settings.prepare("select value from app_settings where key = 'closeAction'").get() as { value: string }
    settings.close()
    expect(JSON.parse(row.value)).toBe('background')

    // Opened again and closed again: the remembered answer decides, nothing is asked.
    await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0]!
      win.show()
      win.close()
    })
    await expect.poll(windows).toEqual([false])
    expect(await asked()).toBe(1)
    await app.close()
  } finally {
    data.cleanup()
  }
})
