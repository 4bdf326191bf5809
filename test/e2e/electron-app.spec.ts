/**
 * The real Electron app, launched by Playwright. Runs where an Electron binary is installed;
 * elsewhere (no binary could be downloaded) it is skipped and says why.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { _electron as electron, expect, test } from '@playwright/test'
import { databaseFileIn } from '../../src/main/paths'
import { projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

function electronBinary(): { path?: string; reason?: string } {
  try {
    // The electron package exports the binary's path; the binary itself may never have been downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown as string
    if (typeof path === 'string' && existsSync(path)) return { path }
    return { reason: `the electron package is installed but its binary is missing (${String(path)})` }
  } catch (err) {
    return { reason: `no Electron binary on this machine: ${(err as Error).message.split('\n')[0]}` }
  }
}

const binary = electronBinary()

test('the Electron app opens, migrates its database and lists stop sales', async ({}, testInfo) => {
  if (!binary.path) console.log(`[electron-app.spec] skipped: ${binary.reason}`)
  test.skip(!binary.path, `Electron binary unavailable: ${binary.reason}`)
  const data = tempDataDir()
  try {
    // Create and migrate the database the app will open, with one stop sale in it.
    const { openDatabase } = await import('../../src/main/db/database')
    const db = openDatabase(databaseFileIn(data.dir), { migrationsFolder: join(projectRoot, 'drizzle') })
    db.close()
    const direct = new Database(databaseFileIn(data.dir))
    direct
      .prepare("insert into stop_sales (hotel_name, first_night, last_night) values ('Kemer Işıklar Resort', '2025-06-20', '2025-06-25')")
      .run()
    direct.close()

    const app = await electron.launch({
      executablePath: binary.path!,
      args: [join(projectRoot, 'out/main/index.js'), '--data-dir', data.dir, '--no-sandbox'],
      cwd: projectRoot,
    })
    const page = await app.firstWindow()
    await expect(page.getByTestId('stop-sale-row')).toContainText('Kemer Işıklar Resort')
    // The renderer gets the bridge and nothing else from Node.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => Object.keys((window as unknown as { sedna?: object }).sedna ?? {}).sort())).toEqual(['invoke', 'on'])
    await page.screenshot({ path: testInfo.outputPath('electron.png') })
    await app.close()
  } finally {
    data.cleanup()
  }
})
