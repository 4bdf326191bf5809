/**
 * Settings → Support, in Chromium against the harness (#16): "Export diagnostics…" asks main for its
 * save dialog (the harness is given a chooser standing in for Electron's), main writes the zip where it
 * answered, and the page says where and how big. Cancelled: nothing is written; a file chosen in the
 * dialog that exists is replaced (the dialog asked); a folder that is gone is refused in the staff's
 * words, in English and in Turkish. Without a save dialog (a browser page) the button is not offered.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { startHarness } from '../harness/server'
import { tempDataDir } from '../support/fixtures'
import { expect, test } from './fixtures'
import { screenshot } from './screenshot'

const ENTRIES = ['about.json', 'database.json', 'log-tail.txt']

/** The file main wrote: a zip (its magic number) holding exactly the diagnostics' entries. */
function expectDiagnosticsZip(file: string) {
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true)
  expect(Object.keys(unzipSync(bytes)).sort()).toEqual(ENTRIES)
}

const sizeText = (file: string) => `${Math.max(1, Math.round(statSync(file).size / 1024))} KB`

test('Export diagnostics… saves the zip where main’s dialog answered and says where, in English and Turkish', async ({
  page,
  consoleErrors,
}, testInfo) => {
  const data = tempDataDir()
  const out = tempDataDir('sedna-e2e-diagnostics-')
  const asked: string[] = []
  let answer: string | null = join(out.dir, 'support.zip')
  const harness = await startHarness({
    dataDir: data.dir,
    options: { chooseSaveFile: async (name) => (asked.push(name), answer) },
  })
  try {
    await page.goto(`${harness.url}#/settings`)
    const section = page.getByTestId('diagnostics')
    await expect(section.getByRole('heading', { name: 'Support' })).toBeVisible()
    await expect(section).toContainText('It never holds a password or a Sedna username, nor any guest’s data')
    const button = page.getByTestId('diagnostics-export')
    const saved = page.getByTestId('diagnostics-saved')

    await expect(button).toHaveText('Export diagnostics…')
    await button.click()
    await expect(saved).toHaveText(`Saved: ${answer} (${sizeText(answer)}).`)
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatch(/^sedna-diagnostics-\d{4}-\d{2}-\d{2}-\d{4}\.zip$/)
    expectDiagnosticsZip(answer)
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, testInfo, 'diagnostics-saved.png')

    // Cancelled: nothing written, nothing said.
    answer = null
    await button.click()
    await expect.poll(() => asked.length).toBe(2)
    await expect(saved).toHaveCount(0)
    await expect(section.getByRole('alert')).toHaveCount(0)
    expect(readdirSync(out.dir)).toEqual(['support.zip'])

    // An existing file chosen in the dialog (which asked before replacing it) is replaced whole.
    answer = join(out.dir, 'old.zip')
    writeFileSync(answer, 'not a zip')
    await button.click()
    await expect(saved).toHaveText(`Saved: ${answer} (${sizeText(answer)}).`)
    expectDiagnosticsZip(answer)

    // A folder removed after it was chosen: refused in words, nothing written.
    const gone = join(out.dir, 'gone')
    answer = join(gone, 'd.zip')
    await button.click()
    const banner = section.getByRole('alert')
    await expect(banner).toHaveAttribute('data-error-code', 'diagnostics.noFolder')
    await expect(banner).toHaveText(`There is no folder ${gone}. Nothing was written.`)
    await expect(saved).toHaveCount(0)
    expect(existsSync(gone)).toBe(false)

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Türkçe' })
    await expect(section.getByRole('heading', { name: 'Destek' })).toBeVisible()
    await expect(banner).toHaveText(`${gone} klasörü yok. Hiçbir şey yazılmadı.`)
    await expect(section).toContainText('İçinde hiçbir zaman şifre, Sedna kullanıcı adı ya da misafir verisi')
    await expect(button).toHaveText('Tanılama dosyasını dışa aktar…')
    mkdirSync(gone)
    await button.click()
    await expect(saved).toHaveText(`Kaydedildi: ${answer} (${sizeText(answer)}).`)
    await expect(banner).toHaveCount(0)
    expectDiagnosticsZip(answer)
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, testInfo, 'diagnostics-saved-tr.png')
    expect(asked).toHaveLength(5)
    expect(consoleErrors).toEqual([])
  } finally {
    await harness.close()
    data.cleanup()
    out.cleanup()
  }
})

test('without main’s save dialog (a browser page), the button is not offered', async ({ page, harness }) => {
  const info = page.waitForResponse((res) => res.url().includes('/__harness/invoke/app.info'))
  await page.goto(`${harness.url}#/settings`)
  expect(await (await info).json()).toMatchObject({ ok: true, value: { canSaveFiles: false } })
  const section = page.getByTestId('diagnostics')
  await expect(section.getByRole('heading', { name: 'Support' })).toBeVisible()
  await expect(page.getByTestId('diagnostics-export')).toHaveCount(0)
})
