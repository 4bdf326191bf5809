/**
 * Settings → Updates, in Chromium against the harness (#16). The update folder is a setting (refused in
 * place when it is not a plain http(s) address, or carries a user name or password). With an updater
 * (the harness is given one reading a loopback folder over HTTP, standing in for electron-updater): no
 * folder, nothing asked; a check only asks; "Download version X" downloads and the page says it is
 * installed on quit; in Turkish too. Without one (a browser page, or the app while developing) the
 * panel says updates come with the installed app.
 */
import { startHarness } from '../harness/server'
import { tempDataDir } from '../support/fixtures'
import { httpUpdater, startUpdateFolder } from '../support/update-folder'
import { expect, test } from './fixtures'
import { screenshot } from './screenshot'

test('the update folder is set in Settings; a check only asks, the download waits for staff, in English and Turkish', async ({
  page,
  consoleErrors,
}, testInfo) => {
  const data = tempDataDir()
  const folder = await startUpdateFolder('0.1.0')
  const harness = await startHarness({ dataDir: data.dir, options: { updater: () => httpUpdater('0.1.0') } })
  try {
    await page.goto(`${harness.url}#/settings`)
    const panel = page.getByTestId('updates')
    const status = page.getByTestId('updates-status')
    await expect(panel.getByRole('heading', { name: 'Updates' })).toBeVisible()
    await expect(status).toHaveText('No update folder is set above, so the app does not look for updates.')
    await expect(page.getByTestId('updates-check')).toHaveCount(0)

    // A folder with a password in it is refused in place, and nothing is saved.
    const field = page.getByTestId('update-url')
    await field.fill('https://staff:secret@updates.example.com/sedna/')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByText('Enter the folder like https://updates.example.com/sedna/')).toBeVisible()
    expect(harness.context.services.settings.get().updateUrl).toBeNull()

    await field.fill(folder.url.slice(0, -1))
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByTestId('update-url')).toHaveValue(folder.url)
    await expect(status).toHaveText('Not checked since the app started.')
    expect(folder.served).toEqual([])

    const check = page.getByTestId('updates-check')
    await check.click()
    await expect(status).toHaveAttribute('data-state', 'upToDate')
    await expect(status).toContainText('This is the newest version (checked ')

    folder.latest = '0.2.0'
    await check.click()
    await expect(status).toHaveText(
      'Version 0.2.0 is available. It is downloaded only when you say so, and installed when you quit the app.',
    )
    expect(folder.served.filter((u) => u.endsWith('.AppImage'))).toEqual([])
    await panel.scrollIntoViewIfNeeded()
    await screenshot(page, testInfo, 'updates-available.png')

    await page.getByTestId('updates-download').click()
    await expect(status).toHaveText(
      'Version 0.2.0 is downloaded. It is installed when you quit the app; the data stays as it is.',
    )
    expect(folder.served.at(-1)).toBe('/sedna/Sedna-0.2.0.AppImage')
    await expect(page.getByTestId('updates-download')).toHaveCount(0)

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Türkçe' })
    await expect(panel.getByRole('heading', { name: 'Güncellemeler' })).toBeVisible()
    await expect(status).toHaveText(
      '0.2.0 sürümü indirildi. Uygulamadan çıktığınızda yüklenir; veriler olduğu gibi kalır.',
    )
    await expect(check).toHaveText('Güncellemeleri kontrol et')
    await screenshot(page, testInfo, 'updates-ready-tr.png')
    expect(consoleErrors).toEqual([])
  } finally {
    await harness.close()
    await folder.close()
    data.cleanup()
  }
})

test('without an updater (a browser page, the app while developing) the panel says updates come with the installed app', async ({
  page,
  harness,
}) => {
  await page.goto(`${harness.url}#/settings`)
  await expect(page.getByTestId('updates-status')).toHaveText(
    'Updates are installed by the installed app only (not while developing).',
  )
  await expect(page.getByTestId('updates-check')).toHaveCount(0)
})
